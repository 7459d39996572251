import type { NodeRegistry } from "@/lib/engine/engine-api";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { validateFlow } from "@/lib/engine/validate";

/**
 * The engine's validation, re-indexed for the canvas: problems by node id (shown as a badge on
 * the node) and by config field (shown under the field in the inspector), before any run.
 */

export interface EditorProblems {
  byNode: Map<string, string[]>;
  /** Key `nodeId/config/field` (or `nodeId/settings/field`). */
  byField: Map<string, string[]>;
  /** Problems not tied to one node (parameters, flow settings, edges). */
  flow: string[];
}

const push = (map: Map<string, string[]>, key: string, message: string) => {
  const list = map.get(key);
  if (!list) map.set(key, [message]);
  else if (!list.includes(message)) list.push(message);
};

export function collectProblems(doc: FlowDocument, registry: NodeRegistry): EditorProblems {
  const out: EditorProblems = { byNode: new Map(), byField: new Map(), flow: [] };
  const result = validateFlow(doc, registry);
  if (result.ok) return out;
  for (const problem of result.problems) {
    const [root, index, section, field] = problem.path;
    if (root === "nodes" && typeof index === "number") {
      const node = doc.nodes[index];
      if (!node) {
        out.flow.push(problem.message);
        continue;
      }
      const where = typeof section === "string" && typeof field === "string" ? `${section}.${field}: ` : "";
      push(out.byNode, node.id, where + problem.message);
      if ((section === "config" || section === "settings") && field !== undefined)
        push(out.byField, `${node.id}/${section}/${String(field)}`, problem.message);
      continue;
    }
    if (root === "edges" && typeof index === "number") {
      const edge = doc.edges[index];
      if (edge) push(out.byNode, edge.target, `Edge from ${edge.source}: ${problem.message}`);
      else out.flow.push(problem.message);
      continue;
    }
    out.flow.push(problem.path.length ? `${problem.path.join(".")}: ${problem.message}` : problem.message);
  }
  return out;
}
