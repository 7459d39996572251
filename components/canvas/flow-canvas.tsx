"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Edge,
  type IsValidConnection,
  type NodeTypes,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from "react";
import { checkConnection } from "@/lib/editor/connection-rules";
import { isFlowNode, type CanvasEdge, type CanvasNode } from "@/lib/editor/graph-types";
import { GroupNodeView, NoteNodeView } from "./annotation-nodes";
import { EdgeLayer } from "./edge-layer";
import { useEditorContext, useEditorState } from "./editor-context";
import { fitAll } from "./fit-all";
import { FlowNodeView, OverviewProvider } from "./flow-node";
import { NodeIcon } from "./icons";
import { PALETTE_MIME } from "./palette";
import { Btn, cx } from "./ui";

// Declared once, outside any component, so React Flow never re-creates node components.
const nodeTypes: NodeTypes = { flow: FlowNodeView, note: NoteNodeView, group: GroupNodeView };
const defaultEdgeOptions = { style: { strokeWidth: 1.75 }, interactionWidth: 16 };
const proOptions = { hideAttribution: false };
const noEdges: CanvasEdge[] = [];
/**
 * Our group frames are nodes of type "group", which React Flow styles as its own group node
 * (padding, a dark 1 px border, a background, centred text, a shadow when selected) around the
 * frame's rounded ring: take those styles off.
 */
const GROUP_RESET = String.raw`[&_.react-flow\_\_node-group]:!border-0 [&_.react-flow\_\_node-group]:!bg-transparent [&_.react-flow\_\_node-group]:!p-0 [&_.react-flow\_\_node-group]:!text-left [&_.react-flow\_\_node-group]:!shadow-none`;

/**
 * From this many edges the canvas draws the edges itself, in one SVG (`EdgeLayer`), and hands
 * React Flow none: its per-edge components cost a paint layer and a store selector per edge on
 * every frame of a drag. Smaller flows keep React Flow's edges.
 */
export const EDGE_LAYER_FROM = 100;

const minimapColor = (node: CanvasNode): string => (node.type === "flow" ? "#6366f1" : node.type === "note" ? "#fde68a" : "transparent");

export interface FlowCanvasProps {
  /** Where the pointer last was, in flow coordinates (paste lands there). */
  onPointer?: (at: { x: number; y: number }) => void;
  onMessage: (message: string, tone?: "info" | "error") => void;
  onAddTrigger: () => void;
  /** How many edges make the canvas draw them itself (default `EDGE_LAYER_FROM`). */
  edgeLayerFrom?: number;
}

/**
 * True once React Flow has measured the nodes (or the flow is empty) and the browser has then
 * been idle. The minimap draws every node a second time; mounting it later keeps that work out
 * of the time a large flow takes to open.
 */
function useMinimapReady(empty: boolean): boolean {
  const measured = useNodesInitialized();
  // Nodes outside the first view are never measured: wait for them a few seconds at most.
  const [late, setLate] = useState(false);
  useEffect(() => {
    const t = window.setTimeout(() => setLate(true), 4000);
    return () => clearTimeout(t);
  }, []);
  const start = measured || empty || late;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || !start) return;
    let idle: number | undefined;
    const frame = requestAnimationFrame(() => {
      idle =
        typeof requestIdleCallback === "function"
          ? requestIdleCallback(() => setReady(true), { timeout: 1500 })
          : window.setTimeout(() => setReady(true), 200);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle === undefined) return;
      if (typeof cancelIdleCallback === "function") cancelIdleCallback(idle);
      else clearTimeout(idle);
    };
  }, [ready, start]);
  return ready;
}

export function FlowCanvas({ onPointer, onMessage, onAddTrigger, edgeLayerFrom = EDGE_LAYER_FROM }: FlowCanvasProps) {
  const { store, catalog, readOnly } = useEditorContext();
  const nodes = useEditorState((s) => s.graph.nodes);
  const edges = useEditorState((s) => s.graph.edges);
  const empty = useMemo(() => !nodes.some(isFlowNode), [nodes]);
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  const showMinimap = useMinimapReady(nodes.length === 0);
  const ownEdges = edges.length >= edgeLayerFrom;
  const flow = useStoreApi<CanvasNode, CanvasEdge>();

  // Selection of the edges the canvas draws itself, as React Flow selects its own: a click
  // selects the edge alone, or with the multi-selection key adds or removes it; clicking the
  // pane, or a node without that key, deselects the edges.
  const selectEdge = useCallback(
    (id: string) => {
      const { multiSelectionActive, elementsSelectable } = flow.getState();
      if (!elementsSelectable) return;
      flow.setState({ nodesSelectionActive: false });
      store.selectEdge(id, multiSelectionActive ? "toggle" : "only");
    },
    [flow, store],
  );
  const deselectEdges = useCallback(() => store.selectEdge(null), [store]);
  const onNodePicked = useCallback(() => {
    if (!flow.getState().multiSelectionActive) store.selectEdge(null);
  }, [flow, store]);

  const isValidConnection: IsValidConnection<CanvasEdge> = useCallback(
    (c: Connection | Edge) => {
      const { graph } = store.getState();
      return checkConnection(c, graph.nodes, graph.edges, catalog).ok;
    },
    [store, catalog],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      const verdict = store.connect(c);
      if (!verdict.ok) onMessage(verdict.reason, "error");
    },
    [store, onMessage],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME);
      const def = type ? catalog.get(type) : undefined;
      if (!def || readOnly) return;
      e.preventDefault();
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.addNode(def, { x: Math.round(at.x - 110), y: Math.round(at.y - 28) });
    },
    [catalog, readOnly, rf, store],
  );
  const container = useRef<HTMLDivElement>(null);
  const onInit = useCallback((instance: ReactFlowInstance<CanvasNode, CanvasEdge>) => fitAll(instance, container.current), []);
  const onMouseMove = useCallback(
    (e: MouseEvent) => {
      if (onPointer) onPointer(rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [onPointer, rf],
  );

  return (
    <div
      ref={container}
      className={cx("relative h-full w-full", GROUP_RESET)}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onMouseMove={onMouseMove}
      data-testid="flow-canvas"
    >
      <OverviewProvider>
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={ownEdges ? noEdges : edges}
          nodeTypes={nodeTypes}
          onNodesChange={store.onNodesChange}
          onEdgesChange={store.onEdgesChange}
          onConnect={onConnect}
          onPaneClick={ownEdges ? deselectEdges : undefined}
          onNodeClick={ownEdges ? onNodePicked : undefined}
          onNodeDragStart={ownEdges ? onNodePicked : undefined}
          isValidConnection={isValidConnection}
          defaultEdgeOptions={defaultEdgeOptions}
          onlyRenderVisibleElements
          onInit={onInit}
          minZoom={0.05}
          maxZoom={2}
          // Deleting goes through the store so that nodes and their edges go in one undo step.
          deleteKeyCode={null}
          multiSelectionKeyCode={["Shift", "Meta", "Control"]}
          selectionKeyCode="Shift"
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          snapToGrid
          snapGrid={[10, 10]}
          proOptions={proOptions}
        >
          {ownEdges ? <EdgeLayer edges={edges} onSelect={selectEdge} /> : null}
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#d4d4d8" />
          {showMinimap ? (
            <MiniMap
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              className="!rounded-lg !ring-1 !ring-zinc-200"
              ariaLabel="Minimap"
            />
          ) : null}
          <Controls showInteractive={false} className="!rounded-lg !shadow-sm" />
        </ReactFlow>
      </OverviewProvider>
      {empty ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="pointer-events-auto flex max-w-sm flex-col items-center rounded-2xl border-2 border-dashed border-zinc-300 bg-white/80 px-8 py-10 text-center backdrop-blur-sm">
            <span className="mb-3 flex size-11 items-center justify-center rounded-xl bg-emerald-100 text-emerald-700">
              <NodeIcon name="play" size={22} />
            </span>
            <p className="text-base font-semibold text-zinc-900">Drag a trigger here to start</p>
            <p className="mt-1 text-sm text-zinc-500">
              Pick a node from the palette on the left — drag it onto the canvas or click it. Connect nodes by dragging from a port to
              another node.
            </p>
            {!readOnly ? (
              <Btn tone="primary" icon="plus" className="mt-4" onClick={onAddTrigger}>
                Add a manual trigger
              </Btn>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
