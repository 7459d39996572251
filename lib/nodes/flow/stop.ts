import { z } from "zod";
import { defineNode, routed } from "@/lib/engine/node-definition";

/**
 * Ends this branch successfully. It takes no port, so nothing can follow it; other branches
 * go on, and the run completes unless something else fails. (To end on a condition, put it
 * behind an If.)
 */
export const stopNode = defineNode({
  type: "core.flow.stop",
  version: 1,
  title: "Stop",
  description: "Ends this branch successfully; other branches go on and the run completes normally.",
  category: "flow",
  icon: "octagon",
  config: z
    .object({
      reason: z.string().max(500).optional().meta({ title: "Reason", description: "Shown in the run's step output." }),
    })
    .strict(),
  output: z.object({ stopped: z.literal(true), reason: z.string().optional() }),
  ports: [],
  sideEffect: false,
  run(ctx, config) {
    ctx.log.info("Branch stopped", config.reason ? { reason: config.reason } : undefined);
    return Promise.resolve(routed({ stopped: true as const, reason: config.reason }, {}));
  },
});
