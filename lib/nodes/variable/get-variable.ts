import { z } from "zod";
import { NotFoundError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { variableName } from "./variable-name";

/** Reads a workspace variable (fresh at run time, unlike the `vars` root captured at run start). */
export const getVariableNode = defineNode({
  type: "core.variable.get",
  version: 1,
  title: "Get variable",
  description: "Reads a workspace variable's current value.",
  category: "data",
  icon: "variable",
  config: z
    .object({
      name: variableName,
      default: z.unknown().optional().meta({ title: "Default", description: "Returned when the variable does not exist.", widget: "json" }),
      required: z.boolean().default(false).meta({ title: "Required", description: "Fail the step when the variable does not exist." }),
    })
    .strict(),
  output: z.unknown().meta({ description: "The variable's value (or Default)." }),
  ports: ["out"],
  sideEffect: false,
  async run(ctx, config) {
    const value = await ctx.vars.get(config.name);
    if (value !== undefined) return value;
    if (config.required) throw new NotFoundError(`Workspace variable "${config.name}" does not exist`);
    return config.default ?? null;
  },
});
