/**
 * Dotted field paths (`customer.address.city`, `rows.0.id`) used by data nodes to name a field
 * of a record without an expression.
 */

export function splitPath(path: string): string[] {
  return path.split(".").filter((part) => part.length > 0);
}

export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of splitPath(path)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/** Returns a copy of `target` with `path` set to `value`; intermediate objects are created or copied. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = splitPath(path);
  if (parts.some((p) => UNSAFE_KEYS.has(p))) throw new Error(`Field path "${path}" is not allowed`);
  if (parts.length === 0) return target;
  const root: Record<string, unknown> = { ...target };
  let cursor = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = cursor[key];
    const copy: Record<string, unknown> =
      next !== null && typeof next === "object" && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    cursor[key] = copy;
    cursor = copy;
  }
  cursor[parts[parts.length - 1] as string] = value;
  return root;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
