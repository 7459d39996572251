import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { isRecord } from "../shared/paths";

const configSchema = z
  .object({
    mode: z.enum(["all", "first"]).default("all").meta({
      title: "Wait for",
      description: "`all`: combine the value of every live input; `first`: pass on the first live input (in the order of the edges).",
    }),
    combine: z.enum(["object", "append", "merge"]).default("object").meta({
      title: "Combine as",
      description:
        "With `all`: `object` keys each value by its source node id; `append` concatenates lists; `merge` merges objects (later inputs win).",
    }),
  })
  .strict();

/**
 * Joins branches. Skipped branches do not count: the engine runs a node once every live input
 * has arrived, so a merge behind an if/switch sees only the branch that was taken.
 */
export const mergeNode = defineNode({
  type: "core.logic.merge",
  version: 1,
  title: "Merge",
  description: "Joins branches: combines the values of every live input, or passes on the first live one.",
  category: "logic",
  icon: "merge",
  config: configSchema,
  output: z.unknown().meta({ description: "The combined value (shape depends on Combine as)." }),
  ports: ["out"],
  sideEffect: false,
  run(ctx, config) {
    // ctx.inputs follows the order of the incoming edges and holds live inputs only.
    const values = Object.values(ctx.inputs);
    if (config.mode === "first") return Promise.resolve(values[0]);
    switch (config.combine) {
      case "object":
        return Promise.resolve({ ...ctx.inputs });
      case "append":
        return Promise.resolve(values.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v])));
      case "merge":
        return Promise.resolve(Object.assign({}, ...values.filter(isRecord)) as Record<string, unknown>);
    }
  },
});
