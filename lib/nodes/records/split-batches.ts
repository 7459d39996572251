import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { itemsField, resolveItems } from "../shared/items";

/** Cuts a list into batches of at most `size`, e.g. to respect an API's per-call limit with mapOver downstream. */
export const splitBatchesNode = defineNode({
  type: "core.data.split-batches",
  version: 1,
  title: "Split into batches",
  description: "Cuts a list into consecutive batches of at most Size elements (map over the batches downstream).",
  category: "data",
  icon: "layers",
  config: z
    .object({
      items: itemsField,
      size: z.number().int().min(1).max(100_000).meta({ title: "Batch size", description: "Largest number of elements per batch." }),
    })
    .strict(),
  output: z.array(z.array(z.unknown())).meta({ description: "The batches, in order; the last may be shorter." }),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config, input) {
    const items = resolveItems(config.items, input);
    const batches: unknown[][] = [];
    for (let i = 0; i < items.length; i += config.size) batches.push(items.slice(i, i + config.size));
    return Promise.resolve(batches);
  },
});
