import { z } from "zod";
import { NotFoundError, ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { getPath, isRecord } from "../shared/paths";

const configSchema = z
  .object({
    variable: z
      .string()
      .min(1)
      .meta({ title: "Variable", description: "Workspace variable holding the table: a list of rows or an object map." }),
    key: z
      .union([z.string(), z.number(), z.boolean()])
      .meta({ title: "Key", description: "The value to look up, usually an expression such as {{ item.team }}.", widget: "expression" }),
    keyColumn: z.string().min(1).optional().meta({ title: "Key column", description: "Field of each row to match (tables of rows only)." }),
    valueColumn: z
      .string()
      .min(1)
      .optional()
      .meta({ title: "Value column", description: "Field of the matched row or entry to return; empty returns the whole row." }),
    default: z.unknown().optional().meta({ title: "Default", description: "Returned when the key is not found.", widget: "json" }),
    ignoreCase: z.boolean().default(false).meta({ title: "Ignore case", description: "Compare keys trimmed and lower-cased." }),
    onMissing: z
      .enum(["default", "fail"])
      .default("default")
      .meta({ title: "When not found", description: "`default`: return Default; `fail`: fail the step." }),
  })
  .strict();

type LookupConfig = z.output<typeof configSchema>;

function keyText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}

function sameKey(a: unknown, b: unknown, ignoreCase: boolean): boolean {
  if (a === undefined || a === null) return false;
  const left = keyText(a);
  const right = keyText(b);
  return ignoreCase ? left.trim().toLowerCase() === right.trim().toLowerCase() : left === right;
}

function find(table: unknown, config: LookupConfig): { found: boolean; entry?: unknown } {
  if (Array.isArray(table)) {
    if (!config.keyColumn) throw new ValidationError("The variable holds a list of rows: set Key column", { path: ["keyColumn"] });
    const keyColumn = config.keyColumn;
    const row = (table as unknown[]).find((r) => sameKey(getPath(r, keyColumn), config.key, config.ignoreCase));
    return row === undefined ? { found: false } : { found: true, entry: row };
  }
  if (isRecord(table)) {
    const direct = String(config.key);
    if (Object.hasOwn(table, direct)) return { found: true, entry: table[direct] };
    if (config.ignoreCase) {
      const name = Object.keys(table).find((k) => sameKey(k, config.key, true));
      if (name !== undefined) return { found: true, entry: table[name] };
    }
    return { found: false };
  }
  throw new ValidationError(`Variable "${config.variable}" is neither a list of rows nor an object map`, { path: ["variable"] });
}

/** Maps a key to a value through a workspace variable used as a lookup table (e.g. team -> Jira project). */
export const lookupNode = defineNode({
  type: "core.data.lookup",
  version: 1,
  title: "Lookup in table",
  description: "Finds a key in a workspace variable holding a list of rows or an object map, and returns the row or one of its columns.",
  category: "data",
  icon: "table-search",
  config: configSchema,
  output: z
    .object({ found: z.boolean(), value: z.unknown() })
    .meta({ description: "Whether the key was found, and the value (or Default)." }),
  ports: ["out"],
  sideEffect: false,
  async run(ctx, config) {
    const table = await ctx.vars.get(config.variable);
    if (table === undefined) throw new NotFoundError(`Workspace variable "${config.variable}" does not exist`);
    const { found, entry } = find(table, config);
    if (!found) {
      if (config.onMissing === "fail") throw new NotFoundError(`Key "${String(config.key)}" not found in variable "${config.variable}"`);
      return { found: false, value: config.default ?? null };
    }
    const value = config.valueColumn && isRecord(entry) ? getPath(entry, config.valueColumn) : entry;
    return { found: true, value: value ?? null };
  },
});
