import { z } from "zod";
import { defineNode, type NodeContext } from "../node-definition";

/**
 * A node type whose behaviour each test scripts: `run` is looked up per call, and every call
 * is counted, so tests can prove how often a node really ran.
 */
export function scriptedNode(
  type: string,
  run: (ctx: NodeContext, input: unknown, call: number) => Promise<unknown>,
  options: { sideEffect?: boolean; credential?: string; ports?: string[] } = {},
) {
  const calls: { nodeId: string; stepKey: string; attempt: number; at: number; input: unknown }[] = [];
  const def = defineNode({
    type,
    version: 1,
    title: type,
    description: "scripted test node",
    category: "data",
    icon: "beaker",
    credential: options.credential,
    config: z.object({ label: z.string().optional(), value: z.unknown().optional() }).strict(),
    output: z.unknown(),
    ports: options.ports ?? ["out"],
    sideEffect: options.sideEffect ?? false,
    run(ctx, _config, input) {
      calls.push({ nodeId: ctx.nodeId, stepKey: ctx.stepKey, attempt: ctx.attempt, at: ctx.clock.now(), input });
      return run(ctx, input, calls.length);
    },
  });
  return { def, calls };
}
