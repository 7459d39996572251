import type { ParameterSpec } from "@/lib/engine/flow-document";
import type { OutputField } from "./schema-form";

/**
 * Completion for expression fields: the roots SPEC §5 allows (`params`, `nodes`, `vars`, `run`,
 * `item`/`index` inside mapOver) and, below `nodes.<id>.output`, the fields known from the
 * upstream node's output schema and from its output in the last run.
 */

export interface ScopeNode {
  detail?: string;
  children: Map<string, ScopeNode>;
}

export interface UpstreamInfo {
  id: string;
  label?: string;
  fields: readonly OutputField[];
  /** The node's output in the last run, if any. */
  sample?: unknown;
}

export interface ScopeInput {
  parameters?: Record<string, ParameterSpec>;
  vars?: readonly string[];
  upstream: readonly UpstreamInfo[];
  mapOver?: boolean;
}

const RUN_FIELDS: Record<string, string> = {
  id: "run id",
  flowName: "flow name",
  version: "flow version",
  trigger: "what started the run",
  scheduledAt: "scheduled time",
  attempt: "retry attempt of the run",
  dryRun: "true in a dry run",
};

const node = (detail?: string): ScopeNode => ({ ...(detail ? { detail } : {}), children: new Map() });

function child(parent: ScopeNode, key: string, detail?: string): ScopeNode {
  let c = parent.children.get(key);
  if (!c) {
    c = node(detail);
    parent.children.set(key, c);
  } else if (detail && !c.detail) c.detail = detail;
  return c;
}

function addSample(target: ScopeNode, value: unknown, depth: number): void {
  if (depth <= 0 || value === null || typeof value !== "object") return;
  // JSONata maps over arrays: the keys of the first elements are offered on the array itself.
  if (Array.isArray(value)) {
    for (const element of value.slice(0, 3)) addSample(target, element, depth);
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const type = Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
    addSample(child(target, key, type), v, depth - 1);
  }
}

export function buildScope(input: ScopeInput): ScopeNode {
  const root = node();
  const params = child(root, "params", "run parameters");
  for (const [name, spec] of Object.entries(input.parameters ?? {})) child(params, name, spec.description ?? spec.type);
  const nodes = child(root, "nodes", "upstream node outputs");
  for (const up of input.upstream) {
    const output = child(child(nodes, up.id, up.label ?? "node"), "output", "output");
    for (const f of up.fields) {
      let at = output;
      f.path.forEach((segment, i) => {
        at = child(at, segment, i === f.path.length - 1 ? (f.description ?? f.type) : undefined);
      });
    }
    addSample(output, up.sample, 3);
  }
  const vars = child(root, "vars", "workspace variables");
  for (const name of input.vars ?? []) child(vars, name, "variable");
  const run = child(root, "run", "this run");
  for (const [name, detail] of Object.entries(RUN_FIELDS)) child(run, name, detail);
  if (input.mapOver) {
    child(root, "item", "the current element (mapOver)");
    child(root, "index", "the current element's index (mapOver)");
  }
  return root;
}

export interface CompletionItem {
  label: string;
  detail?: string;
}

export interface CompletionResult {
  /** Replace text[from, to) with the chosen item's label. */
  from: number;
  to: number;
  items: CompletionItem[];
}

/** Whether the cursor sits inside an open `{{ … }}`. */
export function insideTemplate(text: string, cursor: number): boolean {
  const before = text.slice(0, cursor);
  const open = before.lastIndexOf("{{");
  return open >= 0 && before.indexOf("}}", open) === -1;
}

/**
 * Completions at `cursor`: in a template field only inside `{{ }}`; in a JSONata field anywhere.
 * Returns null when there is nothing to offer.
 */
export function completeAt(text: string, cursor: number, scope: ScopeNode, opts: { jsonata?: boolean } = {}): CompletionResult | null {
  if (!opts.jsonata && !insideTemplate(text, cursor)) return null;
  const token = /[A-Za-z0-9_$.]*$/.exec(text.slice(0, cursor))?.[0] ?? "";
  const parts = token.split(".");
  const partial = parts.pop() ?? "";
  let at: ScopeNode | undefined = scope;
  for (const p of parts) {
    at = at?.children.get(p);
    if (!at) return null;
  }
  const lower = partial.toLowerCase();
  const items = [...at.children.entries()]
    .filter(([name]) => name.toLowerCase().startsWith(lower) && name !== partial)
    .map(([label, n]) => ({ label, ...(n.detail ? { detail: n.detail } : {}) }));
  if (items.length === 0) return null;
  return { from: cursor - partial.length, to: cursor, items };
}
