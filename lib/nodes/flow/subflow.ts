import { z } from "zod";
import { NonRetryableError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";

/** Runs another flow as a linked child run, waits for it, and outputs its result. */
export const subflowNode = defineNode({
  type: "core.flow.subflow",
  version: 1,
  title: "Run sub-flow",
  description: "Runs another flow of the workspace as a child run (linked on the run page), waits for it and outputs its result.",
  category: "flow",
  icon: "workflow",
  config: z
    .object({
      flow: z.string().min(1).meta({ title: "Flow", description: "Id or name of the flow to run (its latest saved version)." }),
      params: z
        .record(z.string(), z.unknown())
        .default({})
        .meta({ title: "Parameters", description: "The child run's parameters; values may be {{ }} expressions.", widget: "keyvalue" }),
      failOnError: z
        .boolean()
        .default(true)
        .meta({ title: "Fail when the sub-flow fails", description: "When off, a failed child run is reported in the output instead." }),
    })
    .strict(),
  output: z
    .object({
      runId: z.string(),
      state: z.enum(["completed", "failed", "cancelled", "crashed"]),
      output: z.unknown(),
    })
    .meta({ description: "The child run's id, final state and output." }),
  ports: ["out"],
  sideEffect: false,
  // The child run has its own retries per node; retrying here would run the whole child again.
  defaults: { retries: 0 },
  async run(ctx, config) {
    const result = await ctx.runFlow(config.flow, config.params);
    if (result.state !== "completed" && config.failOnError) {
      throw new NonRetryableError(`Sub-flow "${config.flow}" ended ${result.state} (run ${result.runId})`, {
        details: { runId: result.runId, state: result.state },
      });
    }
    return { runId: result.runId, state: result.state, output: result.output };
  },
});
