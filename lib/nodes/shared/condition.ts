import { z } from "zod";
import type { NodeContext } from "@/lib/engine/node-definition";
import { compileNodeExpression, truthy } from "./expression";

/**
 * A condition field: a boolean (often the result of a `{{ }}` expression the engine resolved)
 * or bare JSONata evaluated over the node's input, e.g. `amount > 100 and status = "open"`.
 */
export const conditionSchema = z
  .union([z.boolean(), z.string().min(1)], { error: "needs a condition: JSONata over the input, or true/false" })
  .meta({ widget: "jsonata", title: "Condition", description: "JSONata over the input (`$` is the input), or true/false." });
export type Condition = z.output<typeof conditionSchema>;

export interface ConditionScope {
  /** Element index when the condition runs once per element. */
  index?: number;
  /** The node's whole input, bound as `$input` when the root is an element. */
  input?: unknown;
}

export function expressionBindings(ctx: NodeContext, scope: ConditionScope = {}): Record<string, unknown> {
  const bindings: Record<string, unknown> = { params: ctx.params, run: ctx.run };
  if (scope.index !== undefined) bindings.index = scope.index;
  if (scope.input !== undefined) bindings.input = scope.input;
  return bindings;
}

/** Returns an evaluator for one condition, compiled once for every element it is applied to. */
export function compileCondition(
  condition: Condition,
  field: string,
): (ctx: NodeContext, root: unknown, scope?: ConditionScope) => Promise<boolean> {
  if (typeof condition === "boolean") return () => Promise.resolve(condition);
  const expr = compileNodeExpression(condition, field);
  return async (ctx, root, scope) => truthy(await expr.evaluate(root, expressionBindings(ctx, scope)));
}
