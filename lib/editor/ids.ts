import { NODE_ID_PATTERN } from "@/lib/engine/flow-document";

/** A readable node id from a type (`core.logic.if` -> `if1`), unique among `taken`. */
export function nodeIdFor(type: string, taken: ReadonlySet<string>): string {
  const last = type.split(".").pop() ?? "node";
  const words = last.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join("");
  if (!NODE_ID_PATTERN.test(base)) base = `node${base.replace(/[^A-Za-z0-9_]/g, "")}`;
  return uniqueId(`${base}1`, taken);
}

/** `base` if free, else its stem plus the smallest free number (a trailing number is replaced). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/\d+$/, "") || "node";
  for (let i = 1; ; i++) {
    const candidate = `${stem}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

let counter = 0;
/** Ids for edges and annotations: unique within a session, short, stable once saved. */
export function shortId(prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
