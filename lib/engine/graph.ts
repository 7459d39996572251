import type { FlowEdge, FlowNode } from "./flow-document";

/**
 * The flow as an indexed graph, built once per document: adjacency lists, in-degrees and a
 * topological order, so scheduling a step is array look-ups rather than scans of the edges.
 */

export interface GraphEdge {
  id: string;
  /** Position of the edge in `document.edges`. */
  index: number;
  source: number;
  sourcePort: string;
  target: number;
  targetPort: string;
  /** Position of the edge in `inbound[target]`. */
  slot: number;
}

export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly inbound: readonly (readonly GraphEdge[])[];
  readonly outbound: readonly (readonly GraphEdge[])[];
  /** Topological order of every node not on a cycle. */
  readonly order: readonly number[];
  /** Each cycle as node ids, first id repeated at the end (`a → b → a`). */
  readonly cycles: readonly string[][];
  /** Ids of every node upstream of node `i` (cached). */
  ancestorsOf(i: number): ReadonlySet<string>;
}

export function buildGraph(doc: { nodes: readonly FlowNode[]; edges: readonly FlowEdge[] }): FlowGraph {
  const nodes = doc.nodes;
  const indexOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!indexOf.has(n.id)) indexOf.set(n.id, i);
  });
  const inbound: GraphEdge[][] = nodes.map(() => []);
  const outbound: GraphEdge[][] = nodes.map(() => []);
  doc.edges.forEach((e, index) => {
    const source = indexOf.get(e.source);
    const target = indexOf.get(e.target);
    if (source === undefined || target === undefined) return;
    const edge: GraphEdge = {
      id: e.id,
      index,
      source,
      sourcePort: e.sourcePort,
      target,
      targetPort: e.targetPort,
      slot: inbound[target]!.length,
    };
    outbound[source]!.push(edge);
    inbound[target]!.push(edge);
  });

  const indegree = inbound.map((list) => list.length);
  const queue: number[] = [];
  indegree.forEach((d, i) => {
    if (d === 0) queue.push(i);
  });
  const order: number[] = [];
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    order.push(i);
    for (const e of outbound[i]!) if (--indegree[e.target]! === 0) queue.push(e.target);
  }
  const cycles = order.length === nodes.length ? [] : findCycles(nodes, outbound, new Set(order));

  const ancestors = new Map<number, Set<string>>();
  const ancestorsOf = (i: number): ReadonlySet<string> => {
    let set = ancestors.get(i);
    if (set) return set;
    set = new Set<string>();
    const stack = inbound[i]!.map((e) => e.source);
    while (stack.length > 0) {
      const s = stack.pop()!;
      const id = nodes[s]!.id;
      if (set.has(id)) continue;
      set.add(id);
      for (const e of inbound[s]!) stack.push(e.source);
    }
    ancestors.set(i, set);
    return set;
  };

  return { nodes, indexOf, inbound, outbound, order, cycles, ancestorsOf };
}

/** Depth-first search over the nodes the topological sort left over; each back edge closes one cycle. */
function findCycles(nodes: readonly FlowNode[], outbound: readonly (readonly GraphEdge[])[], sorted: ReadonlySet<number>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<number, "open" | "done">();
  const stack: number[] = [];
  const visit = (i: number): void => {
    state.set(i, "open");
    stack.push(i);
    for (const e of outbound[i]!) {
      if (sorted.has(e.target)) continue;
      const s = state.get(e.target);
      if (s === "open") {
        const cycle = stack.slice(stack.indexOf(e.target));
        cycles.push([...cycle.map((c) => nodes[c]!.id), nodes[e.target]!.id]);
      } else if (s === undefined) visit(e.target);
    }
    stack.pop();
    state.set(i, "done");
  };
  for (let i = 0; i < nodes.length; i++) if (!sorted.has(i) && !state.has(i)) visit(i);
  return cycles;
}
