import type { z } from "zod";
import { ValidationError } from "./errors";
import { evaluateTemplate, type ExpressionScope } from "./expressions";
import type { NodePlan } from "./run-plan";

/**
 * Resolves every `{{ }}` field of a node's config against the scope, then validates the result
 * with the node type's config schema; a failure names the field path.
 */
export async function resolveConfig(plan: NodePlan, scope: ExpressionScope): Promise<unknown> {
  if (plan.staticConfig) return plan.staticConfig.value;
  const copied = new WeakSet<object>();
  let config: unknown = plan.node.config;
  for (const t of plan.templates) {
    const value = await evaluateTemplate(t.tpl, scope, { nodeId: plan.node.id, field: t.field });
    config = setIn(config, t.path, 0, value, copied);
  }
  const parsed = (plan.def.config as z.ZodType).safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = ["config", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  throw new ValidationError(`Node "${plan.node.id}": invalid ${path.join(".")}: ${issue.message}`, {
    path,
    details: { nodeId: plan.node.id, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
  });
}

/** Copy-on-write set: containers along the path are copied once, the rest is shared. */
function setIn(target: unknown, path: readonly (string | number)[], depth: number, value: unknown, copied: WeakSet<object>): unknown {
  if (depth === path.length) return value;
  const key = path[depth]!;
  let container: Record<string | number, unknown>;
  if (Array.isArray(target)) container = (copied.has(target) ? target : target.slice()) as unknown as Record<number, unknown>;
  else container = copied.has(target as object) ? (target as Record<string, unknown>) : { ...(target as Record<string, unknown>) };
  copied.add(container);
  container[key] = setIn(container[key], path, depth + 1, value, copied);
  return container;
}
