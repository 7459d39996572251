import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { itemsField, resolveItems } from "../shared/items";
import { getPath, isRecord } from "../shared/paths";

const MAX_ROWS = 10_000;

/** Publishes a table (records as rows) on the run page; passes its input through. */
export const tableArtifactNode = defineNode({
  type: "core.artifact.table",
  version: 1,
  title: "Table artifact",
  description: `Publishes a list of records as a table on the run page (at most ${MAX_ROWS.toLocaleString("en")} rows); the input passes through.`,
  category: "artifact",
  icon: "table",
  config: z
    .object({
      title: z.string().max(200).optional().meta({ title: "Title" }),
      items: itemsField,
      columns: z
        .array(z.string().min(1))
        .optional()
        .meta({ title: "Columns", description: "Dotted field paths in order; default: every field, in first-seen order." }),
    })
    .strict(),
  output: z.unknown().meta({ description: "The node's input, unchanged." }),
  ports: ["out"],
  sideEffect: false,
  run(ctx, config, input) {
    const items = resolveItems(config.items, input);
    if (items.length > MAX_ROWS) {
      throw new ValidationError(`A table artifact holds at most ${MAX_ROWS} rows; got ${items.length}`, { path: ["items"] });
    }
    let columns = config.columns;
    if (!columns) {
      const seen = new Set<string>();
      for (const item of items) if (isRecord(item)) for (const key of Object.keys(item)) seen.add(key);
      columns = seen.size > 0 ? [...seen] : ["value"];
    }
    const cols = columns;
    const rows = items.map((item) => (isRecord(item) ? cols.map((c) => getPath(item, c) ?? null) : [item]));
    ctx.artifact({ kind: "table", title: config.title, columns: cols, rows });
    return Promise.resolve(input);
  },
});
