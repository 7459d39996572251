/**
 * Replaces every occurrence of a known secret with `***` in any JSON-like value (strings,
 * object keys, nested arrays and objects). Values are copied, never mutated.
 */

export const REDACTED = "***";

export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== "" && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[redactString(k, secrets)] = walk(v, secrets);
  return out;
}
