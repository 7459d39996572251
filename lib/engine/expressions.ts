import jsonata from "jsonata";
import { ValidationError } from "./errors";
import { collectReferences, type ExpressionReferences } from "./expression-references";
import { hasTemplate, parseTemplate, TemplateSyntaxError } from "./expression-template";
import { BAIL, compileFast, type FastEvaluator } from "./jsonata-fast";

export { BAIL as NOT_DECIDED } from "./jsonata-fast";

/**
 * `{{ }}` expressions (SPEC §5), evaluated with JSONata against a scope that holds exactly the
 * allowed roots. Browser-safe (no Node imports): the editor uses it for live previews.
 *
 * Each distinct expression string is compiled once and kept in a bounded cache; evaluation
 * has JSONata's own guardrails (stack depth, wall time). JSONata reads only own properties of
 * plain values and has no host functions; `$eval` is shadowed so that no expression text can
 * be built at run time to dodge the static root checks.
 */

export const EXPRESSION_ROOTS = ["params", "nodes", "item", "index", "vars", "run"] as const;
export type ExpressionRoot = (typeof EXPRESSION_ROOTS)[number];
const ROOT_SET: ReadonlySet<string> = new Set(EXPRESSION_ROOTS);

export interface ExpressionScope {
  params: Readonly<Record<string, unknown>>;
  /** `nodes.<id>.output`: the outputs of upstream nodes. */
  nodes: Readonly<Record<string, { output: unknown }>>;
  item?: unknown;
  index?: number;
  vars: Readonly<Record<string, unknown>>;
  run: Readonly<Record<string, unknown>>;
}

/** Where an expression lives, so its errors can name node and field. */
export interface ExpressionSite {
  nodeId?: string;
  /** Dotted field path, e.g. `config.properties.Email` or `settings.mapOver`. */
  field?: string;
}

export class ExpressionError extends ValidationError {
  readonly nodeId: string | undefined;
  readonly field: string | undefined;
  /** Character offset in the field's text. */
  readonly position: number;
  readonly expression: string;
  readonly code: string | undefined;

  constructor(reason: string, opts: ExpressionSite & { position: number; expression: string; code?: string; path?: (string | number)[] }) {
    const where = [opts.nodeId ? `node "${opts.nodeId}"` : null, opts.field ? `field "${opts.field}"` : null, `position ${opts.position}`]
      .filter(Boolean)
      .join(", ");
    super(`Expression error in ${where}: ${reason}`, {
      path: opts.path ?? (opts.field ? opts.field.split(".") : []),
      details: { nodeId: opts.nodeId, field: opts.field, position: opts.position, expression: opts.expression, code: opts.code },
    });
    this.nodeId = opts.nodeId;
    this.field = opts.field;
    this.position = opts.position;
    this.expression = opts.expression;
    this.code = opts.code;
  }
}

interface JsonataFailure {
  message?: string;
  position?: number;
  code?: string;
  token?: string;
}

const asFailure = (err: unknown): JsonataFailure => (typeof err === "object" && err !== null ? err : { message: String(err) });

const GUARDRAILS = { stack: 500, timeout: 5_000 };
const CACHE_LIMIT = 10_000;

interface CompiledExpr {
  source: string;
  /** Offset of `source` in the field text. */
  offset: number;
  expr: jsonata.Expression;
  refs: ExpressionReferences;
  /** Synchronous evaluation of a plain expression (returns BAIL when JSONata must decide). */
  fast: FastEvaluator | undefined;
}

export interface CompiledTemplate {
  text: string;
  single: boolean;
  parts: readonly (string | CompiledExpr)[];
  /** Union of the references of every expression in the field. */
  refs: ExpressionReferences;
}

const blockedEval = (): never => {
  throw Object.assign(new Error("$eval is not available in Switchyard expressions"), { code: "SY001" });
};

function compileOne(source: string, offset: number, site: ExpressionSite, text: string): CompiledExpr {
  let expr: jsonata.Expression;
  try {
    expr = jsonata(source, GUARDRAILS);
  } catch (err) {
    const f = asFailure(err);
    throw new ExpressionError(f.message ?? "syntax error", {
      ...site,
      position: offset + (f.position ?? 0),
      expression: text,
      code: f.code,
    });
  }
  expr.assign("eval", blockedEval);
  const ast = expr.ast();
  const fast = compileFast(ast);
  if (fast) withFastPath(expr, fast);
  return { source, offset, expr, refs: collectReferences(ast), fast };
}

/**
 * Plain expressions (field paths, object constructors, operators, a few string functions)
 * are evaluated synchronously by jsonata-fast; whatever it cannot decide goes to JSONata.
 * Done on the compiled expression itself, so every caller (config fields, node fields such
 * as a transform or a condition) gets it.
 */
function withFastPath(expr: jsonata.Expression, fast: FastEvaluator): void {
  const slow = expr.evaluate.bind(expr) as (input: unknown, bindings?: Record<string, unknown>, callback?: unknown) => Promise<unknown>;
  const evaluate = (input: unknown, bindings?: Record<string, unknown>, callback?: unknown): Promise<unknown> | undefined => {
    if (callback === undefined) {
      const value = fast(input, bindings);
      if (value !== BAIL) return Promise.resolve(value);
    }
    return slow(input, bindings, callback);
  };
  expr.evaluate = evaluate as jsonata.Expression["evaluate"];
}

const cache = new Map<string, CompiledTemplate | ExpressionError>();

/**
 * Compiles a field's text (cached per distinct text). Throws ExpressionError naming the site
 * and position when the text has a template or JSONata syntax error.
 */
export function compileTemplate(text: string, site: ExpressionSite = {}): CompiledTemplate {
  const hit = cache.get(text);
  if (hit instanceof ExpressionError) throw withSite(hit, site);
  if (hit) return hit;
  let compiled: CompiledTemplate;
  try {
    compiled = build(text, site);
  } catch (err) {
    if (err instanceof ExpressionError) remember(text, err);
    throw err;
  }
  remember(text, compiled);
  return compiled;
}

function remember(text: string, value: CompiledTemplate | ExpressionError): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, value);
}

function withSite(err: ExpressionError, site: ExpressionSite): ExpressionError {
  if (err.nodeId === site.nodeId && err.field === site.field) return err;
  const reason = err.message.slice(err.message.indexOf(": ") + 2);
  return new ExpressionError(reason, { ...site, position: err.position, expression: err.expression, code: err.code });
}

function build(text: string, site: ExpressionSite): CompiledTemplate {
  let parsed;
  try {
    parsed = parseTemplate(text);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw new ExpressionError(err.message, { ...site, position: err.position, expression: text });
    throw err;
  }
  const refs: ExpressionReferences = { roots: new Set(), nodes: new Set(), dynamicNodes: false, functions: new Set(), rootPositions: [] };
  const parts = parsed.parts.map((p) => {
    if (p.kind === "text") return p.text;
    const c = compileOne(p.source, p.offset, site, text);
    for (const r of c.refs.roots) refs.roots.add(r);
    for (const n of c.refs.nodes) refs.nodes.add(n);
    for (const f of c.refs.functions) refs.functions.add(f);
    refs.dynamicNodes ||= c.refs.dynamicNodes;
    for (const rp of c.refs.rootPositions) refs.rootPositions.push({ name: rp.name, position: c.offset + rp.position });
    return c;
  });
  return { text, single: parsed.single, parts, refs };
}

export { hasTemplate };

/** Problems of a field that parses: roots outside the allowed set, and `$eval`. */
export function checkTemplateRoots(
  tpl: CompiledTemplate,
  allowed: ReadonlySet<string> = ROOT_SET,
): { message: string; position: number }[] {
  const problems: { message: string; position: number }[] = [];
  for (const rp of tpl.refs.rootPositions) {
    if (!allowed.has(rp.name)) {
      const known = ROOT_SET.has(rp.name);
      problems.push({
        position: rp.position,
        message: known
          ? `\`${rp.name}\` is not available here`
          : `unknown root \`${rp.name}\`; expressions may read only ${EXPRESSION_ROOTS.join(", ")}`,
      });
    }
  }
  if (tpl.refs.functions.has("eval")) problems.push({ position: 0, message: "$eval is not available in Switchyard expressions" });
  return problems;
}

/** JSONata returns sequences (arrays with extra flags); hand back plain values. */
function plain(value: unknown): unknown {
  if (Array.isArray(value) && (value as { sequence?: boolean }).sequence) return Array.from(value);
  return value;
}

function interpolate(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return "";
}

async function evalPart(part: CompiledExpr, scope: ExpressionScope, site: ExpressionSite, text: string): Promise<unknown> {
  try {
    return plain(await part.expr.evaluate(scope));
  } catch (err) {
    const f = asFailure(err);
    throw new ExpressionError(f.message ?? "evaluation failed", {
      ...site,
      position: part.offset + (f.position ?? 0),
      expression: text,
      code: f.code,
    });
  }
}

/** A single-`{{ }}` field keeps the value's JSON type; mixed text interpolates (objects as JSON). */
export async function evaluateTemplate(tpl: CompiledTemplate, scope: ExpressionScope, site: ExpressionSite = {}): Promise<unknown> {
  if (tpl.single) {
    const part = tpl.parts.find((p): p is CompiledExpr => typeof p !== "string");
    return part ? evalPart(part, scope, site, tpl.text) : undefined;
  }
  let out = "";
  for (const part of tpl.parts) out += typeof part === "string" ? part : interpolate(await evalPart(part, scope, site, tpl.text));
  return out;
}

/**
 * The synchronous evaluator of a bare JSONata expression already compiled by
 * `compileNodeExpression` (same cache entry), or undefined when it is not plain. For a node
 * that evaluates one expression per element and can skip a promise when it is decided.
 */
export function fastEvaluatorOf(source: string): FastEvaluator | undefined {
  const hit = cache.get(`{{${source}}}`);
  if (!hit || hit instanceof ExpressionError || !hit.single || hit.parts.length !== 1) return undefined;
  const part = hit.parts[0];
  return typeof part === "string" || part === undefined ? undefined : part.fast;
}

/** Convenience for one-off evaluation (previews, tests): compile (cached) and evaluate. */
export async function evaluateExpression(text: string, scope: ExpressionScope, site: ExpressionSite = {}): Promise<unknown> {
  if (!hasTemplate(text)) return text;
  return evaluateTemplate(compileTemplate(text, site), scope, site);
}
