import { getBezierPath, Position } from "@xyflow/react";

/**
 * Where an edge starts and ends, from React Flow's measurements of the two nodes: the same
 * points and the same bezier curve React Flow's default edge draws, for the canvas's own edge
 * layer (one SVG for all edges of a large flow instead of one React Flow component each).
 */

export interface HandleBox {
  id?: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  position: Position;
}

/** The parts of a React Flow internal node the geometry needs. */
export interface MeasuredNode {
  internals: {
    positionAbsolute: { x: number; y: number };
    handleBounds?: { source?: HandleBox[] | null; target?: HandleBox[] | null } | null;
  };
}

/** A handle by id, or the first one when the edge names none (as React Flow picks it). */
function handleOf(boxes: readonly HandleBox[] | null | undefined, id: string | null | undefined): HandleBox | undefined {
  if (!boxes || boxes.length === 0) return undefined;
  return id ? boxes.find((b) => b.id === id) : boxes[0];
}

/** The point on the side of a handle that faces away from its node. */
export function handlePoint(node: MeasuredNode, handle: HandleBox): { x: number; y: number } {
  const x = node.internals.positionAbsolute.x + handle.x;
  const y = node.internals.positionAbsolute.y + handle.y;
  switch (handle.position) {
    case Position.Top:
      return { x: x + handle.width / 2, y };
    case Position.Right:
      return { x: x + handle.width, y: y + handle.height / 2 };
    case Position.Bottom:
      return { x: x + handle.width / 2, y: y + handle.height };
    default:
      return { x, y: y + handle.height / 2 };
  }
}

/**
 * The SVG path of an edge from a source handle to a target handle, or null while either node
 * is unmeasured or lacks the handle (React Flow draws no edge then either).
 */
export function edgePath(
  source: MeasuredNode | undefined,
  target: MeasuredNode | undefined,
  sourceHandle: string | null | undefined,
  targetHandle: string | null | undefined,
): string | null {
  if (!source || !target) return null;
  const from = handleOf(source.internals.handleBounds?.source, sourceHandle);
  const to = handleOf(target.internals.handleBounds?.target, targetHandle);
  if (!from || !to) return null;
  const a = handlePoint(source, from);
  const b = handlePoint(target, to);
  const [d] = getBezierPath({
    sourceX: a.x,
    sourceY: a.y,
    sourcePosition: from.position,
    targetX: b.x,
    targetY: b.y,
    targetPosition: to.position,
  });
  return d;
}
