import { pathParam } from "@/lib/server/http/path-params";
import { authedRoute, json } from "@/lib/server/http/route";
import { triggerIdSchema } from "@/lib/server/triggers/trigger-schemas";
import { setTriggerPaused } from "@/lib/server/triggers/trigger-service";

type P = { ws: string; triggerId: string };

/** Pauses the trigger: a paused schedule does not fire, a paused webhook starts no run, a paused flow event starts nothing. Editors and above. */
export const POST = authedRoute<P>(async (_req, ctx, p) =>
  json({ trigger: await setTriggerPaused(ctx, p.ws, pathParam(triggerIdSchema, p.triggerId, "Trigger"), true) }),
);
