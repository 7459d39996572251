import { z } from "zod";
import { NonRetryableError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";

/** Fails the step (and so, unless onError says otherwise, the run) with a chosen message. Never retried. */
export const failNode = defineNode({
  type: "core.flow.fail",
  version: 1,
  title: "Fail",
  description: "Fails the run with a message of your choice (not retried), e.g. on a branch that should never be reached.",
  category: "flow",
  icon: "circle-x",
  config: z
    .object({
      message: z
        .string()
        .min(1)
        .max(2_000)
        .meta({ title: "Message", description: "Usually with {{ }} expressions naming what went wrong." }),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ title: "Details", description: "Extra data stored with the error.", widget: "json" }),
    })
    .strict(),
  output: z.never(),
  ports: [],
  sideEffect: false,
  run(_ctx, config) {
    return Promise.reject(new NonRetryableError(config.message, { details: config.details }));
  },
});
