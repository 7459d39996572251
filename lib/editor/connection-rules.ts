import type { NodeCatalog } from "./catalog";
import { hasInputPort, outputPortsOf } from "./catalog";
import { isFlowNode, type CanvasEdge, type CanvasNode } from "./graph-types";

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

/** Whether `to` can be reached from `from` by following edges. */
export function reaches(edges: readonly Pick<CanvasEdge, "source" | "target">[], from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of out.get(id) ?? []) stack.push(next);
  }
  return false;
}

/** The edge rules of the canvas: existing ports only, one edge per port pair, no cycles. */
export function checkConnection(
  attempt: ConnectionAttempt,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  catalog: NodeCatalog,
): ConnectionVerdict {
  const { source, target } = attempt;
  if (!source || !target) return { ok: false, reason: "An edge needs a source and a target." };
  if (source === target) return { ok: false, reason: "A node cannot connect to itself." };
  const from = nodes.find((n) => n.id === source);
  const to = nodes.find((n) => n.id === target);
  if (!from || !to || !isFlowNode(from) || !isFlowNode(to)) return { ok: false, reason: "Only nodes can be connected." };
  const sourcePort = attempt.sourceHandle ?? "out";
  const ports = outputPortsOf(catalog.get(from.data.type, from.data.typeVersion), from.data.config, from.data.settings?.onError);
  if (!ports.includes(sourcePort)) return { ok: false, reason: `"${from.id}" has no output port "${sourcePort}".` };
  if (!hasInputPort(catalog.get(to.data.type, to.data.typeVersion)))
    return { ok: false, reason: `"${to.id}" is a trigger and has no input.` };
  if ((attempt.targetHandle ?? "in") !== "in") return { ok: false, reason: "Edges end on a node's input port." };
  if (edges.some((e) => e.source === source && e.target === target && (e.sourceHandle ?? "out") === sourcePort)) {
    return { ok: false, reason: "These ports are already connected." };
  }
  if (reaches(edges, target, source)) return { ok: false, reason: "This edge would create a cycle." };
  return { ok: true };
}

/** Upstream node ids of `nodeId`, nearest first (the nodes whose output its expressions may read). */
export function upstreamOf(edges: readonly Pick<CanvasEdge, "source" | "target">[], nodeId: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    const list = incoming.get(e.target);
    if (list) list.push(e.source);
    else incoming.set(e.target, [e.source]);
  }
  const order: string[] = [];
  const seen = new Set<string>([nodeId]);
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const src of incoming.get(id) ?? []) {
        if (seen.has(src)) continue;
        seen.add(src);
        order.push(src);
        next.push(src);
      }
    }
    frontier = next;
  }
  return order;
}
