import { describe, expect, it } from "vitest";
import { flowDocumentSchema } from "@/lib/engine/flow-document";
import { documentToGraph, graphToDocument } from "./graph-mapping";
import { sampleDocument } from "./sample-nodes.fixture";

describe("document <-> graph mapping", () => {
  it("round-trips a document with nodes, edges, settings, parameters and annotations exactly", () => {
    const graph = documentToGraph(sampleDocument);
    const back = graphToDocument(graph);
    expect(back).toStrictEqual(sampleDocument);
    expect(flowDocumentSchema.parse(back)).toStrictEqual(sampleDocument);
  });

  it("maps ports to handles and annotations to prefixed note/group nodes", () => {
    const graph = documentToGraph(sampleDocument);
    expect(graph.edges[0]).toMatchObject({ source: "start", sourceHandle: "out", target: "fetch", targetHandle: "in" });
    const group = graph.nodes.find((n) => n.type === "group");
    expect(group).toMatchObject({ id: "ann:g1", width: 500, height: 160, data: { members: ["fetch", "check"] } });
    expect(graph.nodes.find((n) => n.type === "note")?.data).toMatchObject({ annotationId: "n1", text: "Hello" });
  });

  it("keeps moved positions and measured annotation sizes", () => {
    const graph = documentToGraph(sampleDocument);
    const moved = graph.nodes.map((n) => (n.id === "fetch" ? { ...n, position: { x: 1, y: 2 } } : n));
    const doc = graphToDocument({ ...graph, nodes: moved });
    expect(doc.nodes.find((n) => n.id === "fetch")?.position).toEqual({ x: 1, y: 2 });
  });

  it("omits annotations when there are none", () => {
    const doc = graphToDocument(documentToGraph({ ...sampleDocument, annotations: undefined }));
    expect("annotations" in doc).toBe(false);
  });
});
