import type { ExprNode } from "jsonata";

/**
 * Static analysis of a JSONata syntax tree: which roots (`params`, `nodes`, …) an expression
 * reads at the top level, which nodes it names through `nodes.<id>`, and which functions it
 * calls. Names inside predicates, later path steps and transforms are relative to the current
 * item, not roots, so they are not reported.
 */

export interface ExpressionReferences {
  roots: Set<string>;
  /** Node ids named as `nodes.<id>` or `nodes["id"]`. */
  nodes: Set<string>;
  /** `nodes` (or the whole scope) is read dynamically (`$lookup(nodes, x)`, `nodes.*`, `$`, `*`): the node cannot be known statically. */
  dynamicNodes: boolean;
  /** Functions called by name (`$eval`, `$map`, …). */
  functions: Set<string>;
  /** Every root name with the character position JSONata reported for it. */
  rootPositions: { name: string; position: number }[];
}

// The published typings omit node kinds the parser emits (path, filter, sort, bind, …).
interface Node {
  type?: string;
  value?: unknown;
  position?: number;
  [key: string]: unknown;
}

export function collectReferences(ast: ExprNode): ExpressionReferences {
  const refs: ExpressionReferences = { roots: new Set(), nodes: new Set(), dynamicNodes: false, functions: new Set(), rootPositions: [] };
  walk(ast as unknown as Node, true, refs);
  return refs;
}

function addRoot(step: Node, refs: ExpressionReferences, next: Node | undefined): void {
  const name = String(step.value);
  refs.roots.add(name);
  // JSONata reports the position after a token; we report where the name starts.
  const end = typeof step.position === "number" ? step.position : name.length;
  refs.rootPositions.push({ name, position: Math.max(0, end - name.length) });
  if (name !== "nodes") return;
  const filter = Array.isArray(step.stages) ? (step.stages as Node[]).find((s) => s.type === "filter") : undefined;
  const filterExpr = filter?.expr as Node | undefined;
  if (filterExpr && filterExpr.type === "string") refs.nodes.add(String(filterExpr.value));
  else if (next && next.type === "name") refs.nodes.add(String(next.value));
  else refs.dynamicNodes = true;
}

function walkPath(node: Node, atRoot: boolean, refs: ExpressionReferences): void {
  const steps = (node.steps ?? []) as Node[];
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    // `$$.x` always reads the root; `$.x` does at the top level.
    const rootRelative =
      (i === 0 && atRoot) || (i === 1 && prev?.type === "variable" && (prev.value === "$" || (prev.value === "" && atRoot)));
    if (step.type === "name" && rootRelative) addRoot(step, refs, steps[i + 1]);
    else if (rootRelative && (step.type === "wildcard" || step.type === "descendant")) refs.dynamicNodes = true;
    else if (
      step.type === "variable" &&
      (step.value === "$" || (step.value === "" && i === 0 && atRoot)) &&
      steps[i + 1]?.type !== "name"
    ) {
      // `$` or `$$` handing over the whole scope.
      refs.dynamicNodes = true;
    } else if (step.type !== "name" && step.type !== "variable") walk(step, rootRelative, refs);
    // Predicates and sort terms see the step's items, never the root.
    for (const key of ["stages", "predicate"] as const) {
      const stages = step[key];
      if (Array.isArray(stages)) for (const s of stages as Node[]) walk(s, false, refs);
    }
  });
  if (node.group) walk(node.group as Node, false, refs);
}

function walk(node: Node | undefined, atRoot: boolean, refs: ExpressionReferences): void {
  if (!node || typeof node !== "object") return;
  if (node.type === "path") return walkPath(node, atRoot, refs);
  if (node.type === "name") {
    if (atRoot) addRoot(node, refs, undefined);
    return;
  }
  if (atRoot && (node.type === "wildcard" || node.type === "descendant")) {
    refs.dynamicNodes = true;
    return;
  }
  if (node.type === "variable" && (node.value === "$" || (node.value === "" && atRoot))) {
    refs.dynamicNodes = true;
    return;
  }
  if (node.type === "function" || node.type === "partial") {
    const proc = node.procedure as Node | undefined;
    if (proc?.type === "variable") refs.functions.add(String(proc.value));
    else walk(proc, atRoot, refs);
  }
  if (node.type === "transform") {
    walk(node.pattern as Node, false, refs);
    walk(node.update as Node, false, refs);
    walk(node.delete as Node, false, refs);
    return;
  }
  if (node.type === "sort") {
    for (const term of (node.terms ?? []) as Node[]) walk(term.expression as Node, false, refs);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "procedure" || key === "stages" || key === "predicate" || key === "group") continue;
    if (Array.isArray(value)) {
      for (const v of value) {
        // Object constructors hold [key, value] pairs.
        if (Array.isArray(v)) for (const pair of v as Node[]) walk(pair, atRoot, refs);
        else if (v && typeof v === "object") walk(v as Node, atRoot, refs);
      }
    } else if (value && typeof value === "object" && typeof (value as Node).type === "string") {
      walk(value as Node, atRoot, refs);
    }
  }
}
