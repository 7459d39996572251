import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { expressionBindings } from "../shared/condition";
import { compileNodeExpression, type NodeExpression } from "../shared/expression";
import { resolveItems } from "../shared/items";

/**
 * A mapped transform runs once per element with the same config object: keep its compiled
 * expression (and the bindings of a run) by identity instead of looking them up by text.
 */
const byConfig = new WeakMap<object, NodeExpression>();
const bindingsByRun = new WeakMap<object, Record<string, unknown>>();

function expressionOf(config: { expression: string }): NodeExpression {
  let expr = byConfig.get(config);
  if (!expr) byConfig.set(config, (expr = compileNodeExpression(config.expression, "expression")));
  return expr;
}

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
    const expr = expressionOf(config);
    if (config.mode === "whole") {
      let bindings = bindingsByRun.get(ctx.run);
      if (!bindings || bindings.params !== ctx.params) bindingsByRun.set(ctx.run, (bindings = expressionBindings(ctx)));
      return expr.evaluate(input, bindings);
    }
    const items = resolveItems(undefined, input);
    const out: unknown[] = new Array<unknown>(items.length);
    for (const [index, item] of items.entries()) out[index] = await expr.evaluate(item, expressionBindings(ctx, { index, input }));
    return out;
  },
});
