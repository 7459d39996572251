import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";

/** Starts a flow from the editor, the API or the CLI; its output is the run's parameters. */
export const manualTrigger = defineNode({
  type: "core.trigger.manual",
  version: 1,
  title: "Manual trigger",
  description: "Starts the flow by hand (editor, API or CLI). Its output is the run's parameters.",
  category: "trigger",
  icon: "play",
  hasInput: false,
  config: z.object({}).strict(),
  output: z.record(z.string(), z.unknown()).meta({ description: "The run's parameters, as validated against the flow's parameters." }),
  ports: ["out"],
  sideEffect: false,
  run: (ctx) => Promise.resolve({ ...ctx.params }),
});
