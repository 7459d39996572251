import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { variableName } from "./variable-name";

/**
 * Writes a workspace variable. It changes state outside the run, so it is a side effect: in a
 * dry run the engine's `ctx.vars.set` records the write as the step's request instead of
 * making it.
 */
export const setVariableNode = defineNode({
  type: "core.variable.set",
  version: 1,
  title: "Set variable",
  description: "Stores a JSON value in a workspace variable (a dry run only reports it).",
  category: "data",
  icon: "variable",
  config: z
    .object({
      name: variableName,
      value: z.unknown().optional().meta({
        title: "Value",
        description: "Any JSON value, usually an expression; leave empty to store the input.",
        widget: "expression",
      }),
    })
    .strict(),
  output: z
    .object({ name: z.string(), value: z.unknown(), written: z.boolean() })
    .meta({ description: "The variable written and its value; written is false in a dry run." }),
  ports: ["out"],
  sideEffect: true,
  async run(ctx, config, input) {
    const value = config.value === undefined ? (input ?? null) : config.value;
    await ctx.vars.set(config.name, value);
    return { name: config.name, value, written: !ctx.dryRun };
  },
});
