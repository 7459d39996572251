import { z } from "zod";
import { fastEvaluatorOf, NOT_DECIDED } from "@/lib/engine/expressions";
import type { FastEvaluator } from "@/lib/engine/jsonata-fast";
import { defineNode, type NodeContext } from "@/lib/engine/node-definition";
import { expressionBindings } from "../shared/condition";
import { compileNodeExpression, type NodeExpression } from "../shared/expression";
import { resolveItems } from "../shared/items";

/**
 * A mapped transform runs once per element with the same config object: keep its compiled
 * expression (and the bindings of a run) by identity instead of looking them up by text.
 */
interface Compiled {
  expr: NodeExpression;
  /** Plain JSONata evaluated without a promise; NOT_DECIDED hands over to `expr`. */
  fast: FastEvaluator | undefined;
}
const byConfig = new WeakMap<object, Compiled>();
const bindingsByRun = new WeakMap<object, Record<string, unknown>>();

function expressionOf(config: { expression: string }): Compiled {
  let compiled = byConfig.get(config);
  if (!compiled) {
    const expr = compileNodeExpression(config.expression, "expression");
    byConfig.set(config, (compiled = { expr, fast: fastEvaluatorOf(config.expression) }));
  }
  return compiled;
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
  // Not async: a mapped transform runs once per element, and a decided plain expression
  // needs no promise of its own.
  run(ctx, config, input) {
    let compiled: Compiled;
    try {
      compiled = expressionOf(config);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const { expr, fast } = compiled;
    if (config.mode === "whole") {
      let bindings = bindingsByRun.get(ctx.run);
      if (!bindings || bindings.params !== ctx.params) bindingsByRun.set(ctx.run, (bindings = expressionBindings(ctx)));
      if (fast) {
        const value = fast(input, bindings);
        if (value !== NOT_DECIDED) return Promise.resolve(value);
      }
      return expr.evaluate(input, bindings);
    }
    return eachElement(ctx, expr, input);
  },
});

async function eachElement(ctx: NodeContext, expr: NodeExpression, input: unknown): Promise<unknown[]> {
  const items = resolveItems(undefined, input);
  const out: unknown[] = new Array<unknown>(items.length);
  for (const [index, item] of items.entries()) out[index] = await expr.evaluate(item, expressionBindings(ctx, { index, input }));
  return out;
}
