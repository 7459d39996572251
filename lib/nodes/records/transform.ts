import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { expressionBindings } from "../shared/condition";
import { compileNodeExpression } from "../shared/expression";
import { resolveItems } from "../shared/items";

/** Reshapes data with one JSONata expression, over the whole input or per element of a list. */
export const transformNode = defineNode({
  type: "core.data.transform",
  version: 1,
  title: "Transform",
  description: "Reshapes the input with a JSONata expression, once or per element of a list.",
  category: "data",
  icon: "wand",
  config: z
    .object({
      expression: z.string().min(1).meta({
        title: "Expression",
        description: 'JSONata whose root `$` is the input, e.g. `{ "name": first & " " & last, "total": $sum(items.price) }`.',
        widget: "jsonata",
      }),
      mode: z.enum(["whole", "each"]).default("whole").meta({
        title: "Apply to",
        description: "`whole`: the expression sees the whole input; `each`: it runs per element of the input list (`$index` is bound).",
      }),
    })
    .strict(),
  output: z.unknown().meta({ description: "The expression's result (a list of results in `each` mode)." }),
  ports: ["out"],
  sideEffect: false,
  async run(ctx, config, input) {
    const expr = compileNodeExpression(config.expression, "expression");
    if (config.mode === "whole") return expr.evaluate(input, expressionBindings(ctx));
    const items = resolveItems(undefined, input);
    const out: unknown[] = new Array<unknown>(items.length);
    for (const [index, item] of items.entries()) out[index] = await expr.evaluate(item, expressionBindings(ctx, { index, input }));
    return out;
  },
});
