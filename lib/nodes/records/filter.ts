import { z } from "zod";
import { defineNode, routed } from "@/lib/engine/node-definition";
import { compileCondition, conditionSchema } from "../shared/condition";
import { itemsField, resolveItems } from "../shared/items";

/** Keeps the elements whose condition holds on `out`; the others go to `discarded`. */
export const filterNode = defineNode({
  type: "core.data.filter",
  version: 1,
  title: "Filter",
  description: "Keeps the elements of a list for which the condition holds; the others go to the discarded port.",
  category: "data",
  icon: "filter",
  config: z
    .object({
      items: itemsField,
      condition: conditionSchema.meta({
        title: "Keep when",
        description: "JSONata evaluated per element (`$` is the element, `$index` its position), e.g. `email != null and age >= 18`.",
        widget: "jsonata",
      }),
    })
    .strict(),
  output: z.array(z.unknown()).meta({ description: "The kept elements." }),
  ports: ["out", "discarded"],
  sideEffect: false,
  async run(ctx, config, input) {
    const items = resolveItems(config.items, input);
    const keep = compileCondition(config.condition, "condition");
    const kept: unknown[] = [];
    const discarded: unknown[] = [];
    for (const [index, item] of items.entries()) {
      if (await keep(ctx, item, { index, input })) kept.push(item);
      else discarded.push(item);
    }
    // `out` is always taken (an empty list is still a result); `discarded` only when something was dropped.
    const ports: Record<string, unknown> = { out: kept };
    if (discarded.length > 0) ports.discarded = discarded;
    return routed(kept, ports);
  },
});
