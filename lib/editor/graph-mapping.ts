import { FLOW_SCHEMA_ID, type FlowDocument, type FlowEdge, type FlowNode } from "@/lib/engine/flow-document";
import {
  ANNOTATION_PREFIX,
  isFlowNode,
  type AnnotationCanvasNode,
  type CanvasEdge,
  type CanvasNode,
  type EditorGraph,
  type FlowCanvasNode,
  type FlowMeta,
} from "./graph-types";

type Annotation = NonNullable<FlowDocument["annotations"]>[number];

/** Copies only the keys whose value is defined, so a round trip adds no `undefined` fields. */
function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function flowNodeToCanvas(node: FlowNode): FlowCanvasNode {
  return {
    id: node.id,
    type: "flow",
    position: { x: node.position.x, y: node.position.y },
    data: defined({
      type: node.type,
      typeVersion: node.typeVersion,
      label: node.label,
      notes: node.notes,
      credential: node.credential,
      config: node.config,
      settings: node.settings,
    }),
  };
}

export function flowEdgeToCanvas(edge: FlowEdge): CanvasEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourcePort, target: edge.target, targetHandle: edge.targetPort };
}

function annotationToCanvas(a: Annotation): AnnotationCanvasNode {
  const base = {
    id: ANNOTATION_PREFIX + a.id,
    position: { x: a.position.x, y: a.position.y },
    ...(a.size ? { width: a.size.width, height: a.size.height } : {}),
    data: defined({ annotationId: a.id, text: a.text, color: a.color, members: a.nodes }),
    // Notes float above edges; group frames sit behind everything.
    zIndex: a.kind === "group" ? -1 : 0,
  };
  return a.kind === "group" ? { ...base, type: "group" } : { ...base, type: "note" };
}

export function documentToGraph(doc: FlowDocument): EditorGraph {
  const { schema: _schema, nodes, edges, annotations, ...meta } = doc;
  return {
    meta,
    nodes: [...(annotations ?? []).map(annotationToCanvas), ...nodes.map(flowNodeToCanvas)],
    edges: edges.map(flowEdgeToCanvas),
  };
}

export function canvasToFlowNode(node: FlowCanvasNode): FlowNode {
  const d = node.data;
  return defined({
    id: node.id,
    type: d.type,
    typeVersion: d.typeVersion,
    label: d.label,
    notes: d.notes,
    position: { x: node.position.x, y: node.position.y },
    credential: d.credential,
    config: d.config,
    settings: d.settings,
  });
}

export function canvasToFlowEdge(edge: CanvasEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourcePort: edge.sourceHandle ?? "out",
    target: edge.target,
    targetPort: edge.targetHandle ?? "in",
  };
}

function canvasToAnnotation(node: AnnotationCanvasNode): Annotation {
  const width = node.width ?? node.measured?.width;
  const height = node.height ?? node.measured?.height;
  return defined({
    id: node.data.annotationId,
    kind: node.type === "group" ? ("group" as const) : ("note" as const),
    position: { x: node.position.x, y: node.position.y },
    size: width !== undefined && height !== undefined ? { width, height } : undefined,
    text: node.data.text,
    color: node.data.color,
    nodes: node.data.members,
  });
}

export function graphToDocument(graph: { nodes: readonly CanvasNode[]; edges: readonly CanvasEdge[]; meta: FlowMeta }): FlowDocument {
  const flowNodes: FlowNode[] = [];
  const annotations: Annotation[] = [];
  for (const node of graph.nodes) {
    if (isFlowNode(node)) flowNodes.push(canvasToFlowNode(node));
    else annotations.push(canvasToAnnotation(node));
  }
  return defined({
    schema: FLOW_SCHEMA_ID,
    ...graph.meta,
    nodes: flowNodes,
    edges: graph.edges.map(canvasToFlowEdge),
    annotations: annotations.length > 0 ? annotations : undefined,
  });
}
