import jsonata from "jsonata";
import { ValidationError } from "@/lib/engine/errors";

/**
 * JSONata evaluated by a node over its own data (a condition per element, a transform of the
 * input). `{{ }}` fields are resolved by the engine before `run`; these fields hold bare
 * JSONata whose root `$` is the node's input (or the current element), with the run's
 * `$params` and `$run` and, per element, `$index` bound as variables.
 */

export interface NodeExpression {
  evaluate(root: unknown, bindings?: Readonly<Record<string, unknown>>): Promise<unknown>;
}

interface JsonataFailure {
  message: string;
  position?: number;
  code?: string;
}

function asFailure(err: unknown): JsonataFailure {
  if (typeof err === "object" && err !== null && "message" in err) return err as JsonataFailure;
  return { message: String(err) };
}

function describe(field: string, source: string, err: JsonataFailure): string {
  const at = typeof err.position === "number" ? ` at position ${err.position}` : "";
  return `JSONata in "${field}"${at}: ${err.message} (expression: ${source})`;
}

// Compiled once per distinct source: a mapped node evaluates the same field for every element.
const compiled = new Map<string, jsonata.Expression | JsonataFailure>();
const MAX_CACHED = 2_000;

function compile(source: string): jsonata.Expression | JsonataFailure {
  const hit = compiled.get(source);
  if (hit) return hit;
  let result: jsonata.Expression | JsonataFailure;
  try {
    result = jsonata(source);
  } catch (err) {
    result = asFailure(err);
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(source, result);
  return result;
}

function isFailure(value: jsonata.Expression | JsonataFailure): value is JsonataFailure {
  return !("evaluate" in value);
}

/** Compiles `source`; a syntax error becomes a ValidationError naming the field and position. */
export function compileNodeExpression(source: string, field: string): NodeExpression {
  const expr = compile(source);
  if (isFailure(expr)) throw new ValidationError(describe(field, source, expr), { path: [field] });
  return {
    async evaluate(root, bindings) {
      try {
        return normalise(await expr.evaluate(root, bindings ? { ...bindings } : undefined));
      } catch (err) {
        throw new ValidationError(describe(field, source, asFailure(err)), { path: [field] });
      }
    },
  };
}

/** Checks syntax only, for tests and config refinements. */
export function jsonataSyntaxError(source: string): string | undefined {
  const expr = compile(source);
  return isFailure(expr) ? expr.message : undefined;
}

/**
 * JSONata hands back arrays tagged as sequences and may return functions; nodes emit plain
 * JSON so outputs store, compare and serialise like any other value.
 */
function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === "function") return undefined;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normalise(v);
    return out;
  }
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
