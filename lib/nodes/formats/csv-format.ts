import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { itemsField, resolveItems } from "../shared/items";
import { getPath, isRecord } from "../shared/paths";
import { formatCsvRecords } from "./csv-codec";

/** Columns in first-seen order across all records. */
function columnsOf(items: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const item of items) if (isRecord(item)) for (const key of Object.keys(item)) seen.add(key);
  return [...seen];
}

/** Writes a list of records (or of cell lists) as CSV text. */
export const csvFormatNode = defineNode({
  type: "core.data.csv-format",
  version: 1,
  title: "Format CSV",
  description: "Writes a list of records (or lists of cells) as CSV text (RFC 4180 quoting).",
  category: "data",
  icon: "file-spreadsheet",
  config: z
    .object({
      items: itemsField,
      columns: z
        .array(z.string().min(1))
        .optional()
        .meta({ title: "Columns", description: "Dotted field paths in order; default: every field, in first-seen order." }),
      header: z.boolean().default(true).meta({ title: "Write a header row" }),
      delimiter: z.string().min(1).max(4).default(",").meta({ title: "Delimiter" }),
      newline: z.enum(["\n", "\r\n"]).default("\n").meta({ title: "Line ending" }),
      escapeFormulas: z.boolean().default(false).meta({
        title: "Escape formulas",
        description: "Prefix text cells starting with = + - @ with ' so spreadsheets do not run them.",
      }),
    })
    .strict(),
  output: z.string().meta({ description: "The CSV text." }),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    const items = resolveItems(config.items, input);
    const options = { delimiter: config.delimiter, newline: config.newline, escapeFormulas: config.escapeFormulas };
    if (items.every(Array.isArray)) return Promise.resolve(formatCsvRecords(items as unknown[][], options));
    const bad = items.findIndex((item) => !isRecord(item));
    if (bad >= 0) throw new ValidationError(`Item ${bad} is neither a record nor a list of cells`, { path: ["items", bad] });
    const columns = config.columns ?? columnsOf(items);
    const rows = items.map((item) => columns.map((c) => getPath(item, c)));
    return Promise.resolve(formatCsvRecords(config.header ? [columns, ...rows] : rows, options));
  },
});
