import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { parseCsvRecords } from "./csv-codec";

function inferValue(text: string): unknown {
  if (text === "") return null;
  if (text === "true" || text === "false") return text === "true";
  // Only plain decimal numbers: "007" and "1e5" stay text (ids, zip codes).
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function headerNames(row: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((raw, i) => {
    const base = raw.trim() || `column${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** Parses CSV text into rows: objects keyed by the header row, or arrays of cells. */
export const csvParseNode = defineNode({
  type: "core.data.csv-parse",
  version: 1,
  title: "Parse CSV",
  description: "Parses CSV text (RFC 4180) into a list of rows: objects keyed by the header row, or lists of cells.",
  category: "data",
  icon: "file-spreadsheet",
  config: z
    .object({
      text: z
        .string()
        .optional()
        .meta({ title: "CSV text", description: "Leave empty to parse the node's input (which must be text).", widget: "textarea" }),
      delimiter: z.string().min(1).max(4).default(",").meta({ title: "Delimiter" }),
      header: z.boolean().default(true).meta({ title: "First row is a header" }),
      inferTypes: z.boolean().default(false).meta({
        title: "Infer types",
        description: "Turn `true`/`false` into booleans, plain decimals into numbers and empty cells into null.",
      }),
      trim: z.boolean().default(false).meta({ title: "Trim cells" }),
      skipEmptyLines: z.boolean().default(true).meta({ title: "Skip empty lines" }),
    })
    .strict(),
  output: z.array(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])).meta({ description: "One entry per data row." }),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    const text = config.text ?? input;
    if (typeof text !== "string")
      throw new ValidationError("Parse CSV needs text: set CSV text or connect a node that outputs text", { path: ["text"] });
    let records: string[][];
    try {
      records = parseCsvRecords(text, config.delimiter);
    } catch (err) {
      throw new ValidationError(`Invalid CSV: ${(err as Error).message}`, { path: ["text"] });
    }
    if (config.skipEmptyLines) records = records.filter((r) => !(r.length === 1 && r[0] === ""));
    const cell = (raw: string): unknown => {
      const value = config.trim ? raw.trim() : raw;
      return config.inferTypes ? inferValue(value) : value;
    };
    if (!config.header) return Promise.resolve(records.map((r) => r.map(cell)));
    const [head, ...rows] = records;
    if (!head) return Promise.resolve([]);
    const names = headerNames(head);
    return Promise.resolve(
      rows.map((r) => {
        const row: Record<string, unknown> = {};
        const width = Math.max(names.length, r.length);
        for (let i = 0; i < width; i++) row[names[i] ?? `column${i + 1}`] = cell(r[i] ?? "");
        return row;
      }),
    );
  },
});
