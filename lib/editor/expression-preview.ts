import jsonata from "jsonata";

/**
 * Live preview of an expression field, computed in the browser against the last run's data.
 * Same template rules as the engine (SPEC §5): a value that is exactly one `{{ }}` keeps its
 * JSON type; mixed text is string interpolation.
 */

export interface PreviewContext {
  params: Record<string, unknown>;
  nodes: Record<string, { output: unknown }>;
  vars: Record<string, unknown>;
  run: Record<string, unknown>;
  item?: unknown;
  index?: number;
  /** The node's input in the last run: the root (`$`) of a bare JSONata field. */
  input?: unknown;
}

export type PreviewResult = { kind: "none" } | { kind: "value"; value: unknown } | { kind: "error"; message: string };

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;

export function hasTemplate(text: string): boolean {
  return /\{\{[\s\S]*?\}\}/.test(text);
}

async function evaluate(expression: string, ctx: PreviewContext): Promise<unknown> {
  // The roots are fields of the input document, as in the engine: `params.email`, `nodes.x.output`.
  return plain(await jsonata(expression).evaluate(ctx));
}

/** JSONata returns arrays tagged as sequences; the preview shows plain JSON. */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return "(not JSON)";
  }
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    const e = error as { message: string; position?: number };
    return e.position !== undefined ? `${e.message} (at ${e.position})` : e.message;
  }
  return String(error);
}

/** Evaluates a template string (`jsonata: false`) or a bare JSONata program (`jsonata: true`). */
export async function previewExpression(text: string, ctx: PreviewContext, opts: { jsonata?: boolean } = {}): Promise<PreviewResult> {
  try {
    if (opts.jsonata && !hasTemplate(text)) {
      if (!text.trim()) return { kind: "none" };
      // A bare JSONata field runs over the node's input, with the roots bound as $params, $run, …
      const { input, ...roots } = ctx;
      return { kind: "value", value: plain(await jsonata(text).evaluate(input, roots)) };
    }
    if (!hasTemplate(text)) return { kind: "none" };
    const whole = /^\s*\{\{([\s\S]*?)\}\}\s*$/.exec(text);
    if (whole && !whole[1]!.includes("{{")) return { kind: "value", value: await evaluate(whole[1]!, ctx) };
    let out = "";
    let last = 0;
    for (const m of text.matchAll(TEMPLATE)) {
      out += text.slice(last, m.index) + toText(await evaluate(m[1]!, ctx));
      last = m.index + m[0].length;
    }
    return { kind: "value", value: out + text.slice(last) };
  } catch (error) {
    return { kind: "error", message: describe(error) };
  }
}
