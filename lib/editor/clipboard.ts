import { FLOW_SCHEMA_ID, flowDocumentSchema, type FlowDocument } from "@/lib/engine/flow-document";
import { documentToGraph, graphToDocument } from "./graph-mapping";
import { ANNOTATION_PREFIX, isFlowNode, type CanvasEdge, type CanvasNode, type EditorGraph } from "./graph-types";
import { shortId, uniqueId } from "./ids";

/**
 * Copy and paste as flow-document JSON: what is copied from one flow (or one browser) can be
 * pasted into another, or into a text file and imported.
 */

export function copySelection(graph: EditorGraph, selectedIds: ReadonlySet<string>): string | null {
  const nodes = graph.nodes.filter((n) => selectedIds.has(n.id));
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const doc = graphToDocument({ nodes, edges, meta: { name: graph.meta.name } });
  return JSON.stringify(doc, null, 2);
}

export type PasteResult = { ok: true; nodes: CanvasNode[]; edges: CanvasEdge[] } | { ok: false; reason: string };

/** Rewrites `nodes.<old>` references in every string of a config so pasted expressions keep pointing at the pasted copies. */
function renameReferences(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    if (!value.includes("nodes.")) return value;
    return value.replace(/\bnodes\.([A-Za-z][A-Za-z0-9_]*)\b/g, (all, id: string) => {
      const to = renames.get(id);
      return to ? `nodes.${to}` : all;
    });
  }
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, renames));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameReferences(v, renames)]));
  }
  return value;
}

/**
 * Parses clipboard text as a flow document and returns new canvas nodes and edges with fresh
 * ids (no clash with `existing`), shifted so the copy's top-left lands at `at` (or offset by 40px).
 */
export function pasteText(text: string, existing: readonly CanvasNode[], at?: { x: number; y: number }): PasteResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "The clipboard does not hold Switchyard nodes." };
  }
  const parsed = flowDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const looksLikeFlow = typeof raw === "object" && raw !== null && (raw as { schema?: unknown }).schema === FLOW_SCHEMA_ID;
    return {
      ok: false,
      reason: looksLikeFlow
        ? `The copied flow is invalid: ${parsed.error.issues[0]?.message ?? "unknown problem"}`
        : "The clipboard does not hold Switchyard nodes.",
    };
  }
  const doc: FlowDocument = parsed.data;
  const graph = documentToGraph(doc);
  if (graph.nodes.length === 0) return { ok: false, reason: "The copied flow has no nodes." };

  const taken = new Set(existing.map((n) => n.id));
  const renames = new Map<string, string>();
  for (const node of graph.nodes) {
    if (!isFlowNode(node)) continue;
    const id = uniqueId(node.id, taken);
    taken.add(id);
    renames.set(node.id, id);
  }
  const minX = Math.min(...graph.nodes.map((n) => n.position.x));
  const minY = Math.min(...graph.nodes.map((n) => n.position.y));
  const dx = at ? at.x - minX : 40;
  const dy = at ? at.y - minY : 40;

  const nodes: CanvasNode[] = graph.nodes.map((node) => {
    const position = { x: node.position.x + dx, y: node.position.y + dy };
    if (isFlowNode(node)) {
      const config = renameReferences(node.data.config, renames) as Record<string, unknown>;
      const settings = node.data.settings?.mapOver
        ? { ...node.data.settings, mapOver: renameReferences(node.data.settings.mapOver, renames) as string }
        : node.data.settings;
      return {
        ...node,
        id: renames.get(node.id)!,
        position,
        selected: true,
        data: { ...node.data, config, ...(settings ? { settings } : {}) },
      };
    }
    const annotationId = shortId(node.type === "group" ? "group" : "note");
    const members = node.data.members?.map((m) => renames.get(m) ?? m);
    return {
      ...node,
      id: ANNOTATION_PREFIX + annotationId,
      position,
      selected: true,
      data: { ...node.data, annotationId, ...(members ? { members } : {}) },
    };
  });
  const edges: CanvasEdge[] = graph.edges
    .filter((e) => renames.has(e.source) && renames.has(e.target))
    .map((e) => ({ ...e, id: shortId("e"), source: renames.get(e.source)!, target: renames.get(e.target)! }));
  return { ok: true, nodes, edges };
}
