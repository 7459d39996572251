"use client";

import { EdgeLabelRenderer, useStore, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback, type MouseEvent } from "react";
import { edgePath } from "@/lib/editor/graph-edge-paths";
import type { CanvasEdge } from "@/lib/editor/graph-types";

/**
 * The edges of a large flow, drawn in one `<svg>` of our own instead of React Flow's edge
 * components: React Flow gives every edge its own `<svg>` element (one more paint layer for
 * Chromium to layerize and hit-test on every frame) and a store selector that recomputes the
 * edge's position on every change of its store, i.e. on every frame of a drag. Here an edge's
 * path is recomputed only when one of its two nodes (or the edge) changed, and edges whose
 * path did not change are not re-rendered.
 *
 * Each edge keeps React Flow's classes and structure (`.react-flow__edge` with a visible path
 * and a wide transparent one to click), so it looks, highlights and is found the same way;
 * selecting one goes through the editor store (`onSelect`).
 */

interface Drawn {
  source: unknown;
  target: unknown;
  d: string | null;
}

// The last path drawn for an edge object, with the two node objects it was drawn from: React
// Flow replaces a node's internal object whenever the node moves or is measured.
const drawn = new WeakMap<CanvasEdge, Drawn>();

const nodesOf = (s: ReactFlowState) => s.nodes;
const lookupOf = (s: ReactFlowState) => s.nodeLookup;

function pathOf(edge: CanvasEdge, lookup: ReactFlowState["nodeLookup"]): string | null {
  const source = lookup.get(edge.source);
  const target = lookup.get(edge.target);
  const last = drawn.get(edge);
  if (last && last.source === source && last.target === target) return last.d;
  const d = edgePath(source, target, edge.sourceHandle, edge.targetHandle);
  drawn.set(edge, { source, target, d });
  return d;
}

const EdgeShape = memo(function EdgeShape({ edge, d }: { edge: CanvasEdge; d: string }) {
  return (
    <g
      className={edge.selected ? "react-flow__edge selectable nopan selected" : "react-flow__edge selectable nopan"}
      data-id={edge.id}
      data-testid={`rf__edge-${edge.id}`}
      role="img"
      aria-roledescription="edge"
      aria-label={`Edge from ${edge.source} to ${edge.target}`}
    >
      <path className="react-flow__edge-path" d={d} style={{ strokeWidth: 1.75 }} />
      <path className="react-flow__edge-interaction" d={d} fill="none" strokeOpacity={0} strokeWidth={16} />
    </g>
  );
});

export interface EdgeLayerProps {
  edges: readonly CanvasEdge[];
  onSelect: (id: string, event: MouseEvent) => void;
}

export const EdgeLayer = memo(function EdgeLayer({ edges, onSelect }: EdgeLayerProps) {
  // Re-render when React Flow's nodes change (a move, a measurement); the lookup then holds them.
  useStore(nodesOf);
  const lookup = useStore(lookupOf);
  const onClick = useCallback(
    (e: MouseEvent<SVGSVGElement>) => {
      const id = (e.target as Element).closest(".react-flow__edge")?.getAttribute("data-id");
      if (id) onSelect(id, e);
    },
    [onSelect],
  );
  // The edges of the nodes being dragged go in an svg of their own, so that the svg of all the
  // others stays unchanged during the drag and Chromium repaints none of it.
  const still = [];
  const moving = [];
  for (const edge of edges) {
    const d = pathOf(edge, lookup);
    if (!d) continue;
    const shape = <EdgeShape key={edge.id} edge={edge} d={d} />;
    if (lookup.get(edge.source)?.dragging || lookup.get(edge.target)?.dragging) moving.push(shape);
    else still.push(shape);
  }
  return (
    <EdgeLabelRenderer>
      <svg className="react-flow__edge-layer pointer-events-none absolute top-0 left-0 overflow-visible" onClick={onClick}>
        {still}
      </svg>
      {moving.length > 0 ? (
        <svg className="pointer-events-none absolute top-0 left-0 overflow-visible" onClick={onClick}>
          {moving}
        </svg>
      ) : null}
    </EdgeLabelRenderer>
  );
});
