"use client";

import { getViewportForBounds, type ReactFlowInstance } from "@xyflow/react";
import type { CanvasEdge, CanvasNode } from "@/lib/editor/graph-types";

/** Height of the minimap (150 px) and its margin. */
const RESERVED_BOTTOM = 170;

/**
 * Fits every node in view from the nodes' positions. React Flow's own fitView counts only
 * measured nodes, and with `onlyRenderVisibleElements` the nodes outside the first viewport
 * are never measured, so it would fit a corner of a large flow.
 */
export function fitAll(
  rf: ReactFlowInstance<CanvasNode, CanvasEdge>,
  container: HTMLElement | null,
  opts: { duration?: number } = {},
): void {
  const nodes = rf.getNodes();
  if (!container || nodes.length === 0) return;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of nodes) {
    const w = n.measured?.width ?? n.width ?? 220;
    const h = n.measured?.height ?? n.height ?? 64;
    x1 = Math.min(x1, n.position.x);
    y1 = Math.min(y1, n.position.y);
    x2 = Math.max(x2, n.position.x + w);
    y2 = Math.max(y2, n.position.y + h);
  }
  const { width, height } = container.getBoundingClientRect();
  // The minimap and the zoom controls cover the bottom of the canvas: fit the flow above them,
  // so that no node (or port) ends up under the minimap, where a drag would pan the view.
  const usable = height > 2 * RESERVED_BOTTOM ? height - RESERVED_BOTTOM : height;
  const viewport = getViewportForBounds({ x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, width, usable, 0.05, 1.1, 0.15);
  void rf.setViewport(viewport, opts.duration ? { duration: opts.duration } : undefined);
}
