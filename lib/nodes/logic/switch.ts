import { z } from "zod";
import { defineNode, routed } from "@/lib/engine/node-definition";
import { compileCondition, conditionSchema } from "../shared/condition";

const caseName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, _ and - only")
  .meta({ title: "Name", description: "The case's port is `case:<name>`." });

const configSchema = z
  .object({
    cases: z
      .array(z.object({ name: caseName, condition: conditionSchema }).strict())
      .min(1)
      .refine((cases) => new Set(cases.map((c) => c.name)).size === cases.length, "case names must be unique")
      .meta({ title: "Cases", description: "Checked in order; the input goes to the matching case's port." }),
    mode: z
      .enum(["first", "all"])
      .default("first")
      .meta({ title: "Match", description: "`first`: only the first matching case; `all`: every matching case." }),
  })
  .strict();

/** Routes the input to `case:<name>` for the matching case(s), or to `default` when none matches. */
export const switchNode = defineNode({
  type: "core.logic.switch",
  version: 1,
  title: "Switch",
  description: "Routes the input to the first (or every) case whose condition holds, else to default.",
  category: "logic",
  icon: "split",
  config: configSchema,
  output: z.object({ matched: z.array(z.string()) }).meta({ description: "Names of the cases taken (empty when default was taken)." }),
  ports: (config) => [...config.cases.map((c) => `case:${c.name}`), "default"],
  sideEffect: false,
  async run(ctx, config, input) {
    const matched: string[] = [];
    for (const [i, c] of config.cases.entries()) {
      if (await compileCondition(c.condition, `cases.${i}.condition`)(ctx, input)) {
        matched.push(c.name);
        if (config.mode === "first") break;
      }
    }
    const ports: Record<string, unknown> = {};
    for (const name of matched) ports[`case:${name}`] = input;
    if (matched.length === 0) ports.default = input;
    return routed({ matched }, ports);
  },
});
