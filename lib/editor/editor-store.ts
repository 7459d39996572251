import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { parseConfig, type NodeCatalog } from "./catalog";
import { checkConnection, type ConnectionAttempt, type ConnectionVerdict } from "./connection-rules";
import { documentToGraph, graphToDocument } from "./graph-mapping";
import {
  ANNOTATION_PREFIX,
  isFlowNode,
  type AnnotationCanvasNode,
  type CanvasEdge,
  type CanvasNode,
  type EditorGraph,
  type FlowCanvasNode,
  type FlowMeta,
  type FlowNodeData,
} from "./graph-types";
import { canRedo, canUndo, createHistory, record, redo, replacePresent, undo, type History } from "./history";
import { nodeIdFor, shortId } from "./ids";

/**
 * The editor's state outside React: the graph with its undo history. Components read it with
 * `useSyncExternalStore`; React Flow's change events come in through `onNodesChange` /
 * `onEdgesChange`. Selection, measuring and the frames of a drag never create undo steps; the
 * end of a drag, a delete, a connection and an edit do (typing in one field is one step).
 */

export interface EditorState {
  graph: EditorGraph;
  canUndo: boolean;
  canRedo: boolean;
  /**
   * Increases on every change of the document (not on selection, measuring or the frames of a
   * drag, only on its drop): drives autosave and validation.
   */
  docVersion: number;
}

export interface EditorStore {
  getState: () => EditorState;
  subscribe: (listener: () => void) => () => void;
  load: (doc: FlowDocument) => void;
  document: () => FlowDocument;
  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  connect: (attempt: ConnectionAttempt) => ConnectionVerdict;
  addNode: (def: AnyNodeDefinition, position: { x: number; y: number }) => string;
  updateNodeData: (id: string, patch: Partial<FlowNodeData>, coalesceKey?: string) => void;
  renameNode: (id: string, newId: string) => void;
  updateMeta: (patch: Partial<FlowMeta>, coalesceKey?: string) => void;
  updateAnnotation: (id: string, patch: Partial<AnnotationCanvasNode["data"]>, coalesceKey?: string) => void;
  addNote: (position: { x: number; y: number }) => void;
  groupSelection: () => boolean;
  deleteSelection: () => number;
  selectOnly: (ids: readonly string[]) => void;
  /**
   * Selection of an edge drawn by the canvas's own edge layer (React Flow selects the edges it
   * draws itself): `only` selects it alone, deselecting every node and other edge; `toggle`
   * adds it to the selection or takes it out. `null` deselects every edge.
   */
  selectEdge: (id: string | null, mode?: "only" | "toggle") => void;
  insert: (nodes: CanvasNode[], edges: CanvasEdge[]) => void;
  setPositions: (positions: ReadonlyMap<string, { x: number; y: number }>) => void;
  undo: () => void;
  redo: () => void;
}

const COALESCE_MS = 1200;

/** Moving a group frame moves its members by the same distance. */
function withGroupMembers(changes: NodeChange<CanvasNode>[], nodes: readonly CanvasNode[]): NodeChange<CanvasNode>[] {
  const moving = new Set(changes.flatMap((c) => (c.type === "position" ? [c.id] : [])));
  let extra: NodeChange<CanvasNode>[] | null = null;
  for (const c of changes) {
    if (c.type !== "position" || !c.position) continue;
    const group = nodes.find((n) => n.id === c.id);
    if (!group || group.type !== "group" || !group.data.members) continue;
    const dx = c.position.x - group.position.x;
    const dy = c.position.y - group.position.y;
    for (const id of group.data.members) {
      const member = nodes.find((n) => n.id === id);
      if (!member || moving.has(id)) continue;
      moving.add(id);
      (extra ??= []).push({
        type: "position",
        id,
        position: { x: member.position.x + dx, y: member.position.y + dy },
        dragging: c.dragging,
      });
    }
  }
  return extra ? [...changes, ...extra] : changes;
}

export function createEditorStore(catalog: NodeCatalog, initial?: FlowDocument): EditorStore {
  let history: History<EditorGraph> = createHistory(
    initial ? documentToGraph(initial) : { nodes: [], edges: [], meta: { name: "Untitled flow" } },
  );
  let docVersion = 0;
  let state: EditorState = { graph: history.present, canUndo: false, canRedo: false, docVersion };
  let dragBase: EditorGraph | null = null;
  let lastCoalesce: { key: string; at: number } | null = null;
  const listeners = new Set<() => void>();

  const emit = () => {
    state = { graph: history.present, canUndo: canUndo(history) || dragBase !== null, canRedo: canRedo(history), docVersion };
    for (const l of listeners) l();
  };
  /** A change of the document that makes one undo step (or joins the last one when `coalesceKey` repeats). */
  const commit = (next: EditorGraph, coalesceKey?: string) => {
    if (next === history.present) return;
    const now = Date.now();
    if (coalesceKey && lastCoalesce?.key === coalesceKey && now - lastCoalesce.at < COALESCE_MS) history = replacePresent(history, next);
    else history = record(history, next);
    lastCoalesce = coalesceKey ? { key: coalesceKey, at: now } : null;
    docVersion++;
    emit();
  };
  const transient = (next: EditorGraph, changesDoc: boolean) => {
    if (next === history.present) return;
    history = replacePresent(history, next);
    if (changesDoc) docVersion++;
    emit();
  };
  const graph = () => history.present;
  const withNodes = (nodes: CanvasNode[], edges = graph().edges): EditorGraph => ({ ...graph(), nodes, edges });
  const deselected = (nodes: readonly CanvasNode[]) => nodes.map((n) => (n.selected ? { ...n, selected: false } : n));

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load(doc) {
      history = createHistory(documentToGraph(doc));
      dragBase = null;
      lastCoalesce = null;
      docVersion++;
      emit();
    },
    document: () => graphToDocument(graph()),
    onNodesChange(incoming) {
      const current = graph();
      const changes = withGroupMembers(incoming, current.nodes);
      const nodes = applyNodeChanges(changes, current.nodes);
      const next = withNodes(nodes);
      const removed = changes.some((c) => c.type === "remove");
      const dragging = changes.some((c) => c.type === "position" && c.dragging === true);
      const dragEnded = changes.some((c) => c.type === "position" && c.dragging === false);
      const resizing = changes.some((c) => c.type === "dimensions" && c.resizing === true);
      const resizeEnded = changes.some((c) => c.type === "dimensions" && c.resizing === false);
      const structural = removed || changes.some((c) => c.type === "add" || c.type === "replace");
      if (dragging || resizing) {
        // The frames of a drag change no document version: autosave, validation and every
        // component that follows the document wait for the drop, which makes one version.
        dragBase ??= current;
        transient(next, false);
        return;
      }
      if ((dragEnded || resizeEnded) && dragBase) {
        const base = dragBase;
        dragBase = null;
        history = { present: next, past: [...history.past, base], future: [] };
        docVersion++;
        emit();
        return;
      }
      if (removed) {
        // Deleting nodes deletes their edges in the same undo step.
        const gone = new Set(changes.flatMap((c) => (c.type === "remove" ? [c.id] : [])));
        commit(
          withNodes(
            nodes,
            current.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
          ),
        );
        return;
      }
      if (structural || changes.some((c) => c.type === "position")) commit(next);
      else transient(next, false);
    },
    onEdgesChange(changes) {
      const edges = applyEdgeChanges(changes, graph().edges);
      const next = { ...graph(), edges };
      if (changes.some((c) => c.type !== "select")) commit(next);
      else transient(next, false);
    },
    connect(attempt) {
      const current = graph();
      const verdict = checkConnection(attempt, current.nodes, current.edges, catalog);
      if (!verdict.ok) return verdict;
      const edge: CanvasEdge = {
        id: shortId("e"),
        source: attempt.source!,
        sourceHandle: attempt.sourceHandle ?? "out",
        target: attempt.target!,
        targetHandle: attempt.targetHandle ?? "in",
      };
      commit({ ...current, edges: [...current.edges, edge] });
      return verdict;
    },
    addNode(def, position) {
      const current = graph();
      const id = nodeIdFor(def.type, new Set(current.nodes.map((n) => n.id)));
      const parsed = parseConfig(def, {});
      const config = parsed.success && parsed.data && typeof parsed.data === "object" ? (parsed.data as Record<string, unknown>) : {};
      const node: FlowCanvasNode = {
        id,
        type: "flow",
        position,
        selected: true,
        data: { type: def.type, typeVersion: def.version, label: def.title, config },
      };
      commit(withNodes([...deselected(current.nodes), node]));
      return id;
    },
    updateNodeData(id, patch, coalesceKey) {
      const current = graph();
      const nodes = current.nodes.map((n) => {
        if (n.id !== id || !isFlowNode(n)) return n;
        const data: FlowNodeData = { ...n.data, ...patch };
        for (const k of Object.keys(patch)) if ((patch as Record<string, unknown>)[k] === undefined) delete data[k];
        return { ...n, data };
      });
      commit(withNodes(nodes), coalesceKey ? `${id}:${coalesceKey}` : undefined);
    },
    renameNode(id, newId) {
      const current = graph();
      if (id === newId || current.nodes.some((n) => n.id === newId)) return;
      commit({
        ...current,
        nodes: current.nodes.map((n) => {
          if (n.id === id) return { ...n, id: newId };
          if (!isFlowNode(n) && n.data.members?.includes(id))
            return { ...n, data: { ...n.data, members: n.data.members.map((m) => (m === id ? newId : m)) } };
          return n;
        }),
        edges: current.edges.map((e) =>
          e.source === id || e.target === id
            ? { ...e, source: e.source === id ? newId : e.source, target: e.target === id ? newId : e.target }
            : e,
        ),
      });
    },
    updateMeta(patch, coalesceKey) {
      const meta: FlowMeta = { ...graph().meta, ...patch };
      for (const k of Object.keys(patch) as (keyof FlowMeta)[]) if (patch[k] === undefined) delete meta[k];
      commit({ ...graph(), meta }, coalesceKey ? `meta:${coalesceKey}` : undefined);
    },
    updateAnnotation(id, patch, coalesceKey) {
      const nodes = graph().nodes.map((n) => (n.id === id && !isFlowNode(n) ? { ...n, data: { ...n.data, ...patch } } : n));
      commit(withNodes(nodes), coalesceKey ? `${id}:${coalesceKey}` : undefined);
    },
    addNote(position) {
      const annotationId = shortId("note");
      const note: AnnotationCanvasNode = {
        id: ANNOTATION_PREFIX + annotationId,
        type: "note",
        position,
        width: 240,
        height: 140,
        selected: true,
        data: { annotationId, text: "", color: "yellow" },
      };
      commit(withNodes([...deselected(graph().nodes), note]));
    },
    groupSelection() {
      const current = graph();
      const members = current.nodes.filter((n) => n.selected && isFlowNode(n));
      if (members.length === 0) return false;
      const pad = 32;
      const xs = members.map((n) => n.position.x);
      const ys = members.map((n) => n.position.y);
      const x2 = members.map((n) => n.position.x + (n.measured?.width ?? 220));
      const y2 = members.map((n) => n.position.y + (n.measured?.height ?? 72));
      const annotationId = shortId("group");
      const group: AnnotationCanvasNode = {
        id: ANNOTATION_PREFIX + annotationId,
        type: "group",
        position: { x: Math.min(...xs) - pad, y: Math.min(...ys) - pad - 24 },
        width: Math.max(...x2) - Math.min(...xs) + 2 * pad,
        height: Math.max(...y2) - Math.min(...ys) + 2 * pad + 24,
        zIndex: -1,
        data: { annotationId, text: "Group", color: "slate", members: members.map((n) => n.id) },
      };
      commit(withNodes([group, ...current.nodes]));
      return true;
    },
    deleteSelection() {
      const current = graph();
      const gone = new Set(current.nodes.filter((n) => n.selected).map((n) => n.id));
      const edges = current.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      const removed = gone.size + current.edges.length - edges.length;
      if (removed === 0) return 0;
      const nodes = current.nodes
        .filter((n) => !gone.has(n.id))
        .map((n) =>
          !isFlowNode(n) && n.data.members?.some((m) => gone.has(m))
            ? { ...n, data: { ...n.data, members: n.data.members.filter((m) => !gone.has(m)) } }
            : n,
        );
      commit({ ...current, nodes, edges });
      return removed;
    },
    selectOnly(ids) {
      const want = new Set(ids);
      const current = graph();
      const nodes = current.nodes.map((n) => (Boolean(n.selected) === want.has(n.id) ? n : { ...n, selected: want.has(n.id) }));
      const edges = current.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
      transient({ ...current, nodes, edges }, false);
    },
    selectEdge(id, mode = "only") {
      const current = graph();
      const edges = current.edges.map((e) => {
        const want =
          id === null ? false : e.id === id ? (mode === "toggle" ? !e.selected : true) : mode === "toggle" && Boolean(e.selected);
        return Boolean(e.selected) === want ? e : { ...e, selected: want };
      });
      const nodes = id !== null && mode === "only" ? deselected(current.nodes) : current.nodes;
      const same = edges.every((e, i) => e === current.edges[i]) && nodes.every((n, i) => n === current.nodes[i]);
      if (!same) transient({ ...current, nodes, edges }, false);
    },
    insert(nodes, edges) {
      const current = graph();
      commit({ ...current, nodes: [...deselected(current.nodes), ...nodes], edges: [...current.edges, ...edges] });
    },
    setPositions(positions) {
      const nodes = graph().nodes.map((n) => {
        const p = positions.get(n.id);
        return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
      });
      commit(withNodes(nodes));
    },
    undo() {
      dragBase = null;
      const next = undo(history);
      if (next === history) return;
      history = next;
      lastCoalesce = null;
      docVersion++;
      emit();
    },
    redo() {
      const next = redo(history);
      if (next === history) return;
      history = next;
      lastCoalesce = null;
      docVersion++;
      emit();
    },
  };
}
