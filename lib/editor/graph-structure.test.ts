import { describe, expect, it } from "vitest";
import { createCatalog } from "./catalog";
import { createEditorStore } from "./editor-store";
import { createStructureSelector } from "./graph-structure";
import { sampleDefinitions, sampleDocument } from "./sample-nodes.fixture";

const catalog = createCatalog(sampleDefinitions);

describe("graph structure selector", () => {
  it("keeps its result through drags and selection, and changes with data or edges", () => {
    const store = createEditorStore(catalog, sampleDocument);
    const select = createStructureSelector();
    const first = select(store.getState().graph);
    store.onNodesChange([{ type: "position", id: "start", position: { x: 40, y: 10 }, dragging: true }]);
    store.onNodesChange([{ type: "position", id: "start", position: { x: 50, y: 10 }, dragging: false }]);
    store.selectOnly(["fetch"]);
    expect(select(store.getState().graph)).toBe(first);

    store.updateNodeData("fetch", { label: "Fetch it" });
    const relabelled = select(store.getState().graph);
    expect(relabelled).not.toBe(first);
    expect(relabelled.nodes.find((n) => n.id === "fetch")?.data.label).toBe("Fetch it");

    store.selectOnly(["start"]);
    store.deleteSelection();
    expect(select(store.getState().graph)).not.toBe(relabelled);
  });

  it("does not count drag frames as document versions; the drop is one", () => {
    const store = createEditorStore(catalog, sampleDocument);
    const before = store.getState().docVersion;
    for (let i = 1; i <= 5; i++) store.onNodesChange([{ type: "position", id: "start", position: { x: i * 10, y: 0 }, dragging: true }]);
    expect(store.getState().docVersion).toBe(before);
    expect(store.getState().canUndo).toBe(true);
    store.onNodesChange([{ type: "position", id: "start", position: { x: 60, y: 0 }, dragging: false }]);
    expect(store.getState().docVersion).toBe(before + 1);
  });
});
