import { ValidationError } from "@/lib/engine/errors";
import { compileTemplate, ExpressionError, type CompiledTemplate } from "@/lib/engine/expressions";

/**
 * JSONata evaluated by a node over its own data (a condition per element, a transform of the
 * input). `{{ }}` fields are resolved by the engine before `run`; these fields hold bare
 * JSONata whose root `$` is the node's input (or the current element), with the run's
 * `$params` and `$run` and, per element, `$index` bound as variables.
 *
 * Compilation goes through the engine's expression compiler, so node fields share its cache,
 * guardrails (stack depth, wall time) and the blocked `$eval` with `{{ }}` expressions.
 */

export interface NodeExpression {
  evaluate(root: unknown, bindings?: Readonly<Record<string, unknown>>): Promise<unknown>;
}

// The engine compiles `{{ }}` templates; a bare expression is the one part of `{{source}}`.
const OPEN = "{{";
const CLOSE = "}}";

interface JsonataFailure {
  message?: string;
  position?: number;
}

function describe(field: string, source: string, reason: string, position: number | undefined): string {
  const at = position === undefined ? "" : ` at position ${position}`;
  return `JSONata in "${field}"${at}: ${reason} (expression: ${source})`;
}

function reasonOf(err: ExpressionError): string {
  const i = err.message.indexOf(": ");
  return i >= 0 ? err.message.slice(i + 2) : err.message;
}

type CompiledPart = Exclude<CompiledTemplate["parts"][number], string>;

function compileBare(source: string, field: string): CompiledPart {
  let template: CompiledTemplate;
  try {
    template = compileTemplate(`${OPEN}${source}${CLOSE}`, { field });
  } catch (err) {
    if (err instanceof ExpressionError) {
      throw new ValidationError(describe(field, source, reasonOf(err), Math.max(0, err.position - OPEN.length)), { path: [field] });
    }
    throw err;
  }
  const part = template.single && template.parts.length === 1 ? template.parts[0] : undefined;
  // `}}` or `{{` inside the source would split it into several parts: not one expression.
  if (part === undefined || typeof part === "string") {
    throw new ValidationError(describe(field, source, "must be one JSONata expression (without {{ }})", undefined), { path: [field] });
  }
  return part;
}

// A mapped node compiles the same field once per element; keep the wrapper too, not only the engine's compilation.
const compiled = new Map<string, NodeExpression>();
const MAX_COMPILED = 2_000;

/** Compiles `source` (cached); a syntax error becomes a ValidationError naming the field and position. */
export function compileNodeExpression(source: string, field: string): NodeExpression {
  const key = `${field}\u0000${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const expression = buildExpression(source, field);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, expression);
  return expression;
}

function buildExpression(source: string, field: string): NodeExpression {
  const part = compileBare(source, field);
  return {
    async evaluate(root, bindings) {
      try {
        return normalise(await part.expr.evaluate(root, bindings ? { ...bindings } : undefined));
      } catch (err) {
        const failure = (typeof err === "object" && err !== null ? err : { message: String(err) }) as JsonataFailure;
        throw new ValidationError(describe(field, source, failure.message ?? "evaluation failed", failure.position), { path: [field] });
      }
    },
  };
}

/**
 * JSONata hands back arrays tagged as sequences (extra non-enumerable flags) and may return a
 * function; a node's output is plain JSON. Only the top level needs it: nested sequences
 * serialise and compare as plain arrays, and copying every result would double the
 * allocation of a transform mapped over many items.
 */
function normalise(value: unknown): unknown {
  if (typeof value === "function") return undefined;
  if (Array.isArray(value) && Object.hasOwn(value, "sequence")) return Array.from(value);
  return value;
}

/** JSONata's `$boolean` rules, so a condition may return any value. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.some(truthy);
  if (typeof value === "object") return Object.keys(value).length > 0;
  return false;
}
