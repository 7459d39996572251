import { describe, expect, it } from "vitest";
import { createCatalog } from "./catalog";
import { createEditorStore } from "./editor-store";
import { isFlowNode } from "./graph-types";
import { sampleDefinitions, sampleDocument, sampleIf } from "./sample-nodes.fixture";

const catalog = createCatalog(sampleDefinitions);

describe("editor store", () => {
  it("undoes and redoes a deletion of a node together with its edges", () => {
    const store = createEditorStore(catalog, sampleDocument);
    store.selectOnly(["fetch"]);
    expect(store.getState().canUndo).toBe(false); // selection is not an undo step
    expect(store.deleteSelection()).toBe(3);
    expect(store.document().nodes.map((n) => n.id)).toEqual(["start", "check"]);
    expect(store.document().edges).toEqual([]);
    expect(store.document().annotations?.find((a) => a.id === "g1")?.nodes).toEqual(["check"]);
    store.undo();
    expect(store.document()).toStrictEqual(sampleDocument);
    store.redo();
    expect(store.document().nodes.map((n) => n.id)).toEqual(["start", "check"]);
  });

  it("makes one undo step per drag, not one per frame", () => {
    const store = createEditorStore(catalog, sampleDocument);
    for (let i = 1; i <= 5; i++) store.onNodesChange([{ type: "position", id: "start", position: { x: i * 10, y: 0 }, dragging: true }]);
    store.onNodesChange([{ type: "position", id: "start", position: { x: 60, y: 0 }, dragging: false }]);
    expect(store.document().nodes[0]!.position).toEqual({ x: 60, y: 0 });
    store.undo();
    expect(store.document().nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(store.getState().canUndo).toBe(false);
  });

  it("moves group members with their group", () => {
    const store = createEditorStore(catalog, sampleDocument);
    store.onNodesChange([{ type: "position", id: "ann:g1", position: { x: 330, y: -40 }, dragging: false }]);
    const doc = store.document();
    expect(doc.nodes.find((n) => n.id === "fetch")?.position).toEqual({ x: 350, y: 0 });
    expect(doc.nodes.find((n) => n.id === "check")?.position).toEqual({ x: 600, y: 0 });
    expect(doc.nodes.find((n) => n.id === "start")?.position).toEqual({ x: 0, y: 0 });
  });

  it("adds nodes with readable unique ids and default config, connects them, and refuses a cycle", () => {
    const store = createEditorStore(catalog);
    const a = store.addNode(sampleIf, { x: 0, y: 0 });
    const b = store.addNode(sampleIf, { x: 300, y: 0 });
    expect([a, b]).toEqual(["if1", "if2"]);
    expect(store.connect({ source: a, sourceHandle: "true", target: b, targetHandle: "in" })).toEqual({ ok: true });
    expect(store.connect({ source: b, sourceHandle: "false", target: a, targetHandle: "in" }).ok).toBe(false);
    expect(store.document().edges).toHaveLength(1);
  });

  it("coalesces typing in one field into one undo step and bumps docVersion", () => {
    const store = createEditorStore(catalog, sampleDocument);
    const v0 = store.getState().docVersion;
    store.updateNodeData("check", { config: { condition: "a" } }, "config.condition");
    store.updateNodeData("check", { config: { condition: "ab" } }, "config.condition");
    expect(store.getState().docVersion).toBe(v0 + 2);
    store.undo();
    const check = store.getState().graph.nodes.find((n) => n.id === "check");
    expect(check && isFlowNode(check) && check.data.config.condition).toBe("status = 200");
  });

  it("renames a node and its edges and group membership", () => {
    const store = createEditorStore(catalog, sampleDocument);
    store.renameNode("fetch", "download");
    const doc = store.document();
    expect(doc.edges.map((e) => [e.source, e.target])).toEqual([
      ["start", "download"],
      ["download", "check"],
    ]);
    expect(doc.annotations?.find((a) => a.id === "g1")?.nodes).toEqual(["download", "check"]);
    store.renameNode("download", "check"); // taken: ignored
    expect(store.document().nodes.map((n) => n.id)).toContain("download");
  });

  it("groups the selection in a frame around it", () => {
    const store = createEditorStore(catalog, sampleDocument);
    store.selectOnly(["start", "fetch"]);
    expect(store.groupSelection()).toBe(true);
    const groups = store.document().annotations?.filter((a) => a.kind === "group" && a.id !== "g1") ?? [];
    expect(groups).toHaveLength(1);
    expect(groups[0]?.nodes).toEqual(["start", "fetch"]);
    store.selectOnly([]);
    expect(store.groupSelection()).toBe(false);
  });
  it("selects edges drawn outside React Flow, and deletes a selected edge alone", () => {
    const store = createEditorStore(catalog, sampleDocument);
    const [first, second] = store.getState().graph.edges;
    store.selectOnly(["fetch"]);
    store.selectEdge(first!.id);
    const selected = () =>
      store
        .getState()
        .graph.edges.filter((e) => e.selected)
        .map((e) => e.id);
    expect(selected()).toEqual([first!.id]);
    expect(store.getState().graph.nodes.some((n) => n.selected)).toBe(false); // "only" deselects the nodes
    store.selectEdge(second!.id, "toggle");
    expect(selected()).toEqual([first!.id, second!.id]);
    store.selectEdge(first!.id, "toggle");
    expect(selected()).toEqual([second!.id]);
    const version = store.getState().docVersion;
    store.selectEdge(second!.id, "toggle");
    store.selectEdge(null);
    expect(selected()).toEqual([]);
    expect(store.getState().docVersion).toBe(version); // selection changes no document version
    store.selectEdge(second!.id);
    const before = store.getState().graph;
    store.selectEdge(second!.id);
    expect(store.getState().graph).toBe(before); // nothing changed, nothing emitted
    expect(store.deleteSelection()).toBe(1);
    expect(store.document().edges.map((e) => e.id)).toEqual([first!.id]);
    expect(store.document().nodes).toHaveLength(sampleDocument.nodes.length);
    store.undo();
    expect(store.document()).toStrictEqual(sampleDocument);
  });
});
