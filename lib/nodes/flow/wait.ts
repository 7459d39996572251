import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";

const MAX_WAIT_SECONDS = 86_400;

/** Pauses the branch for a duration or until a moment, then passes its input on. Cancelling the run ends the wait at once. */
export const waitNode = defineNode({
  type: "core.flow.wait",
  version: 1,
  title: "Wait",
  description: "Pauses this branch for a number of seconds or until a date/time (at most one day), then passes the input on.",
  category: "flow",
  icon: "hourglass",
  config: z
    .object({
      seconds: z.number().min(0).max(MAX_WAIT_SECONDS).optional().meta({ title: "Seconds" }),
      until: z.iso
        .datetime({ offset: true })
        .optional()
        .meta({ title: "Until", description: "ISO date-time with offset, e.g. 2026-01-01T09:00:00Z; a past moment does not wait." }),
    })
    .strict()
    .refine((c) => (c.seconds === undefined) !== (c.until === undefined), { message: "set either Seconds or Until", path: ["seconds"] }),
  output: z.unknown().meta({ description: "The node's input, unchanged." }),
  ports: ["out"],
  sideEffect: false,
  // A wait must not be cut short by the usual step timeout, nor repeated by retries.
  defaults: { timeoutSeconds: MAX_WAIT_SECONDS, retries: 0 },
  async run(ctx, config, input) {
    const ms = config.seconds !== undefined ? config.seconds * 1000 : Date.parse(config.until as string) - ctx.clock.now();
    if (ms > MAX_WAIT_SECONDS * 1000) throw new ValidationError("A wait may last at most one day", { path: ["until"] });
    if (ms > 0) await ctx.clock.sleep(ms, ctx.signal);
    return input;
  },
});
