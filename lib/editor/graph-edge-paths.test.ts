import { getBezierPath, Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { edgePath, handlePoint, type HandleBox, type MeasuredNode } from "./graph-edge-paths";

const handle = (id: string, position: Position, y = 20): HandleBox => ({
  id,
  x: position === Position.Right ? 214 : -6,
  y,
  width: 12,
  height: 12,
  position,
});
const node = (x: number, y: number, source: HandleBox[], target: HandleBox[]): MeasuredNode => ({
  internals: { positionAbsolute: { x, y }, handleBounds: { source, target } },
});

describe("edge paths", () => {
  it("puts the end points on the outer side of the handles", () => {
    const n = node(100, 50, [handle("out", Position.Right)], [handle("in", Position.Left)]);
    expect(handlePoint(n, handle("out", Position.Right))).toEqual({ x: 100 + 214 + 12, y: 50 + 20 + 6 });
    expect(handlePoint(n, handle("in", Position.Left))).toEqual({ x: 100 - 6, y: 50 + 20 + 6 });
  });

  it("draws the bezier React Flow draws between the named handles", () => {
    const a = node(0, 0, [handle("true", Position.Right, 60), handle("false", Position.Right, 82)], [handle("in", Position.Left)]);
    const b = node(300, 160, [handle("out", Position.Right)], [handle("in", Position.Left)]);
    const [expected] = getBezierPath({
      sourceX: 226,
      sourceY: 88,
      sourcePosition: Position.Right,
      targetX: 294,
      targetY: 186,
      targetPosition: Position.Left,
    });
    expect(edgePath(a, b, "false", "in")).toBe(expected);
    // No handle named: the first one, as React Flow picks it.
    expect(edgePath(a, b, null, null)).toBe(edgePath(a, b, "true", "in"));
  });

  it("draws nothing while a node is unmeasured or lacks the handle", () => {
    const a = node(0, 0, [handle("out", Position.Right)], []);
    const unmeasured: MeasuredNode = { internals: { positionAbsolute: { x: 0, y: 0 } } };
    expect(edgePath(a, undefined, "out", "in")).toBeNull();
    expect(edgePath(a, unmeasured, "out", "in")).toBeNull();
    expect(edgePath(a, a, "missing", "in")).toBeNull();
  });
});
