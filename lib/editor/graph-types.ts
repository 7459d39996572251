import type { Edge, Node } from "@xyflow/react";
import type { FlowDocument, NodeSettings } from "@/lib/engine/flow-document";

/**
 * The editor's graph: React Flow nodes and edges whose `data` is plain JSON (the flow node's
 * fields), so it can be cloned, diffed, stored in the undo history and put on the clipboard.
 */

export interface FlowNodeData {
  [key: string]: unknown;
  type: string;
  typeVersion: number;
  label?: string;
  notes?: string;
  credential?: string;
  config: Record<string, unknown>;
  settings?: NodeSettings;
}

export interface AnnotationData {
  [key: string]: unknown;
  /** The annotation's own id in the flow document (the React Flow id carries a prefix). */
  annotationId: string;
  text?: string;
  color?: string;
  /** Group members (flow node ids). */
  members?: string[];
}

export type FlowCanvasNode = Node<FlowNodeData, "flow">;
export type NoteCanvasNode = Node<AnnotationData, "note">;
export type GroupCanvasNode = Node<AnnotationData, "group">;
export type AnnotationCanvasNode = NoteCanvasNode | GroupCanvasNode;
export type CanvasNode = FlowCanvasNode | AnnotationCanvasNode;
export type CanvasEdge = Edge<Record<string, never>>;

/** Everything of the document that is not nodes, edges or annotations. */
export type FlowMeta = Omit<FlowDocument, "schema" | "nodes" | "edges" | "annotations">;

export interface EditorGraph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  meta: FlowMeta;
}

export const ANNOTATION_PREFIX = "ann:";

export const isFlowNode = (node: CanvasNode): node is FlowCanvasNode => node.type === "flow";
export const isAnnotationNode = (node: CanvasNode): node is AnnotationCanvasNode => node.type === "note" || node.type === "group";
