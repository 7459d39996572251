import { z } from "zod";
import { defineNode, routed } from "@/lib/engine/node-definition";
import { itemsField, resolveItems } from "../shared/items";
import { getPath } from "../shared/paths";

/** Stable JSON of a value with sorted object keys, so `{a,b}` and `{b,a}` are the same record. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function normaliseKey(value: unknown, ignoreCase: boolean): unknown {
  return ignoreCase && typeof value === "string" ? value.trim().toLowerCase() : value;
}

/** Drops repeated records, comparing whole records or chosen fields. */
export const removeDuplicatesNode = defineNode({
  type: "core.data.remove-duplicates",
  version: 1,
  title: "Remove duplicates",
  description: "Keeps one record per distinct value of the chosen fields (or of the whole record); duplicates go to the duplicates port.",
  category: "data",
  icon: "copy-minus",
  config: z
    .object({
      items: itemsField,
      fields: z
        .array(z.string().min(1))
        .default([])
        .meta({ title: "Compare fields", description: "Dotted paths that identify a record; empty compares whole records." }),
      keep: z.enum(["first", "last"]).default("first").meta({ title: "Keep", description: "Which of the duplicates survives." }),
      ignoreCase: z
        .boolean()
        .default(false)
        .meta({ title: "Ignore case", description: "Compare text fields trimmed and lower-cased (e.g. emails)." }),
    })
    .strict(),
  output: z.array(z.unknown()).meta({ description: "The unique records, in their original order." }),
  ports: ["out", "duplicates"],
  sideEffect: false,
  run(_ctx, config, input) {
    const items = resolveItems(config.items, input);
    const keyOf = (item: unknown): string =>
      config.fields.length === 0
        ? canonical(normaliseKey(item, config.ignoreCase))
        : canonical(config.fields.map((f) => normaliseKey(getPath(item, f), config.ignoreCase) ?? null));
    const chosen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (config.keep === "last" || !chosen.has(key)) chosen.set(key, index);
    });
    const keepIndex = new Set(chosen.values());
    const unique: unknown[] = [];
    const duplicates: unknown[] = [];
    items.forEach((item, index) => (keepIndex.has(index) ? unique : duplicates).push(item));
    const ports: Record<string, unknown> = { out: unique };
    if (duplicates.length > 0) ports.duplicates = duplicates;
    return Promise.resolve(routed(unique, ports));
  },
});
