import { isFlowNode, type EditorGraph, type FlowNodeData } from "./graph-types";

/**
 * The part of the graph that expressions, completions and the inspector depend on: node ids
 * and data, edges and flow settings, without positions, sizes or selection. The selector
 * returns the same object while only those change, so a drag (a new graph every frame)
 * re-renders nothing that reads the structure.
 */

export interface GraphStructure {
  nodes: readonly { id: string; data: FlowNodeData }[];
  edges: EditorGraph["edges"];
  meta: EditorGraph["meta"];
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

export function createStructureSelector(): (graph: EditorGraph) => GraphStructure {
  let last: GraphStructure | null = null;
  return (graph) => {
    const flowNodes = graph.nodes.filter(isFlowNode);
    if (
      last &&
      sameItems(last.edges, graph.edges) &&
      last.meta === graph.meta &&
      last.nodes.length === flowNodes.length &&
      flowNodes.every((n, i) => last!.nodes[i]!.id === n.id && last!.nodes[i]!.data === n.data)
    )
      return last;
    last = { nodes: flowNodes.map((n) => ({ id: n.id, data: n.data })), edges: graph.edges, meta: graph.meta };
    return last;
  };
}
