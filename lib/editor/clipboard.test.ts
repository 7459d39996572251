import { describe, expect, it } from "vitest";
import { copySelection, pasteText } from "./clipboard";
import { documentToGraph } from "./graph-mapping";
import { isFlowNode } from "./graph-types";
import { sampleDocument } from "./sample-nodes.fixture";

describe("clipboard as flow-document JSON", () => {
  const graph = documentToGraph(sampleDocument);

  it("copies the selected nodes with only the edges between them, as a valid flow document", () => {
    const text = copySelection(graph, new Set(["fetch", "check"]))!;
    const doc = JSON.parse(text) as { schema: string; nodes: { id: string }[]; edges: { id: string }[] };
    expect(doc.schema).toBe("switchyard.flow/v1");
    expect(doc.nodes.map((n) => n.id)).toEqual(["fetch", "check"]);
    expect(doc.edges.map((e) => e.id)).toEqual(["e2"]);
    expect(copySelection(graph, new Set())).toBeNull();
  });

  it("pastes with fresh ids, remapped edges and expressions, offset positions", () => {
    const text = JSON.stringify({
      schema: "switchyard.flow/v1",
      name: "x",
      nodes: [
        { id: "fetch", type: "test.http.request", typeVersion: 1, position: { x: 10, y: 10 }, config: { url: "a" } },
        {
          id: "other",
          type: "test.logic.if",
          typeVersion: 1,
          position: { x: 100, y: 10 },
          config: { condition: "{{ nodes.fetch.output.status }} and nodes.fetchy" },
        },
      ],
      edges: [{ id: "e1", source: "fetch", sourcePort: "out", target: "other", targetPort: "in" }],
    });
    const result = pasteText(text, graph.nodes, { x: 500, y: 600 });
    if (!result.ok) throw new Error(result.reason);
    const ids = result.nodes.map((n) => n.id);
    expect(ids).toEqual(["fetch1", "other"]);
    expect(result.nodes[0]!.position).toEqual({ x: 500, y: 600 });
    expect(result.nodes[1]!.position).toEqual({ x: 590, y: 600 });
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0]).toMatchObject({ source: "fetch1", target: "other" });
    expect(result.edges[0]!.id).not.toBe("e1");
    const other = result.nodes[1]!;
    expect(isFlowNode(other) && other.data.config.condition).toBe("{{ nodes.fetch1.output.status }} and nodes.fetchy");
  });

  it("round-trips: copy then paste into an empty flow gives the same nodes and edges", () => {
    const text = copySelection(graph, new Set(graph.nodes.map((n) => n.id)))!;
    const result = pasteText(text, []);
    if (!result.ok) throw new Error(result.reason);
    expect(result.nodes.filter(isFlowNode).map((n) => [n.id, n.data])).toEqual(graph.nodes.filter(isFlowNode).map((n) => [n.id, n.data]));
    expect(result.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual(
      graph.edges.map((e) => [e.source, e.sourceHandle, e.target]),
    );
    const group = result.nodes.find((n) => n.type === "group");
    expect(group?.data.members).toEqual(["fetch", "check"]);
  });

  it("refuses text that is not a flow document, with a clear reason", () => {
    expect(pasteText("hello", [])).toEqual({ ok: false, reason: "The clipboard does not hold Switchyard nodes." });
    const bad = pasteText(JSON.stringify({ schema: "switchyard.flow/v1", name: "x", nodes: [{ id: "1bad" }], edges: [] }), []);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/invalid/);
  });
});
