import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { itemsField, resolveItems } from "../shared/items";
import { getPath } from "../shared/paths";

const OPERATIONS = ["count", "count-distinct", "sum", "avg", "min", "max", "first", "last", "collect"] as const;
type Operation = (typeof OPERATIONS)[number];

const operationSchema = z
  .object({
    op: z.enum(OPERATIONS).meta({ title: "Operation" }),
    field: z.string().optional().meta({ title: "Field", description: "Dotted path of the value; not needed for count." }),
    as: z.string().min(1).meta({ title: "Output name" }),
  })
  .strict()
  .refine((o) => o.op === "count" || (o.field !== undefined && o.field.length > 0), {
    message: "this operation needs a field",
    path: ["field"],
  });

function numbers(values: unknown[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

function compute(op: Operation, values: unknown[], count: number): unknown {
  const present = values.filter((v) => v !== undefined && v !== null);
  switch (op) {
    case "count":
      return count;
    case "count-distinct":
      return new Set(present.map((v) => JSON.stringify(v))).size;
    case "sum":
      return numbers(present).reduce((a, b) => a + b, 0);
    case "avg": {
      const ns = numbers(present);
      return ns.length === 0 ? null : ns.reduce((a, b) => a + b, 0) / ns.length;
    }
    case "min":
    case "max": {
      const comparable = present.filter((v): v is number | string => typeof v === "number" || typeof v === "string");
      if (comparable.length === 0) return null;
      return comparable.reduce((a, b) => ((op === "min" ? b < a : b > a) ? b : a));
    }
    case "first":
      return present[0] ?? null;
    case "last":
      return present[present.length - 1] ?? null;
    case "collect":
      return present;
  }
}

/** Counts, sums and collects over a list, in total or per group. */
export const aggregateNode = defineNode({
  type: "core.data.aggregate",
  version: 1,
  title: "Aggregate",
  description: "Computes count, sum, average, min, max, first, last, distinct count or a collected list, in total or per group.",
  category: "data",
  icon: "sigma",
  config: z
    .object({
      items: itemsField,
      groupBy: z
        .array(z.string().min(1))
        .default([])
        .meta({ title: "Group by", description: "Dotted field paths; empty for one total row." }),
      operations: z.array(operationSchema).min(1).meta({ title: "Operations" }),
    })
    .strict(),
  output: z
    .union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))])
    .meta({ description: "One object of results, or one row per group (group fields first) when Group by is set." }),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    const items = resolveItems(config.items, input);
    const summarise = (rows: readonly unknown[]): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const o of config.operations) {
        out[o.as] = compute(
          o.op,
          rows.map((r) => (o.field ? getPath(r, o.field) : r)),
          rows.length,
        );
      }
      return out;
    };
    if (config.groupBy.length === 0) return Promise.resolve(summarise(items));
    // Map keeps first-seen order, so groups come out in the order they first appear.
    const groups = new Map<string, { key: Record<string, unknown>; rows: unknown[] }>();
    for (const item of items) {
      const key: Record<string, unknown> = {};
      for (const path of config.groupBy) key[path] = getPath(item, path) ?? null;
      const id = JSON.stringify(config.groupBy.map((p) => key[p]));
      const group = groups.get(id) ?? { key, rows: [] };
      group.rows.push(item);
      groups.set(id, group);
    }
    return Promise.resolve([...groups.values()].map((g) => ({ ...g.key, ...summarise(g.rows) })));
  },
});
