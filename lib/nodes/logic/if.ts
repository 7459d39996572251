import { z } from "zod";
import { defineNode, routed } from "@/lib/engine/node-definition";
import { compileCondition, conditionSchema } from "../shared/condition";

/** Sends its input on `true` or `false`; the other branch is skipped. */
export const ifNode = defineNode({
  type: "core.logic.if",
  version: 1,
  title: "If",
  description: "Routes the input to the true or the false branch; the untaken branch is skipped.",
  category: "logic",
  icon: "git-branch",
  config: z
    .object({
      condition: conditionSchema.meta({
        title: "Condition",
        description: 'JSONata over the input, e.g. `amount > 100 and status = "open"`, or a {{ }} expression that yields true/false.',
        widget: "jsonata",
      }),
    })
    .strict(),
  output: z.object({ result: z.boolean() }).meta({ description: "Which branch was taken." }),
  ports: ["true", "false"],
  sideEffect: false,
  async run(ctx, config, input) {
    const result = await compileCondition(config.condition, "condition")(ctx, input);
    return routed({ result }, { [result ? "true" : "false"]: input });
  },
});
