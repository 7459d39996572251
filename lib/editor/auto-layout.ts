import ELK from "elkjs/lib/elk.bundled.js";
import { isFlowNode, type CanvasEdge, type CanvasNode } from "./graph-types";

/** Layered left-to-right layout (elkjs) of the flow nodes; notes and groups stay where they are. */

const DEFAULT_SIZE = { width: 220, height: 72 };

export async function layoutPositions(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): Promise<Map<string, { x: number; y: number }>> {
  const flowNodes = nodes.filter(isFlowNode);
  const ids = new Set(flowNodes.map((n) => n.id));
  const elk = new ELK();
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.spacing.nodeNode": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
    },
    children: flowNodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? DEFAULT_SIZE.width,
      height: n.measured?.height ?? DEFAULT_SIZE.height,
    })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return positions;
}
