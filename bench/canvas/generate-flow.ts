import type { FlowDocument, FlowEdge, FlowNode } from "@/lib/engine/flow-document";

/**
 * A synthetic flow of `count` nodes for the canvas benchmark: a manual trigger, then rows of
 * set-fields / if / filter nodes, each wired to the one before it (if nodes on their true
 * port), laid out on a grid as a person would after auto-layout.
 */
export function generateFlow(count: number): FlowDocument {
  const perRow = Math.max(10, Math.ceil(Math.sqrt(count * 2)));
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  for (let i = 0; i < count; i++) {
    const id = `n${i}`;
    const position = { x: (i % perRow) * 300, y: Math.floor(i / perRow) * 160 };
    if (i === 0) {
      nodes.push({ id, type: "core.trigger.manual", typeVersion: 1, position, config: {} });
      continue;
    }
    const kind = i % 3;
    if (kind === 0)
      nodes.push({ id, type: "core.logic.if", typeVersion: 1, label: `Check ${i}`, position, config: { condition: `amount > ${i}` } });
    else
      nodes.push({
        id,
        type: "core.data.set-fields",
        typeVersion: 1,
        label: `Set ${i}`,
        position,
        config: { fields: { step: `{{ ${i} }}` }, keepInput: true },
      });
    const prev = nodes[i - 1]!;
    const sourcePort = prev.type === "core.logic.if" ? "true" : "out";
    edges.push({ id: `e${i}`, source: prev.id, sourcePort, target: id, targetPort: "in" });
  }
  return { schema: "switchyard.flow/v1", name: `Benchmark ${count}`, nodes, edges };
}
