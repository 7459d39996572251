import { pathParam } from "@/lib/server/http/path-params";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, noContent } from "@/lib/server/http/route";
import { triggerIdSchema, updateTriggerSchema } from "@/lib/server/triggers/trigger-schemas";
import { authorizeTrigger, deleteTrigger, getTrigger, updateTrigger } from "@/lib/server/triggers/trigger-service";

type P = { ws: string; triggerId: string };

export const GET = authedRoute<P>(async (_req, ctx, p) =>
  json({ trigger: await getTrigger(ctx, p.ws, pathParam(triggerIdSchema, p.triggerId, "Trigger")) }),
);

/** Changes `{ name?, config?, parameters? }` (the kind and flow stay). Editors and above. */
export const PATCH = authedRoute<P>(async (req, ctx, p) => {
  const triggerId = pathParam(triggerIdSchema, p.triggerId, "Trigger");
  await authorizeTrigger(ctx, p.ws, triggerId, "flow:write");
  const input = await readJson(req, updateTriggerSchema);
  return json({ trigger: await updateTrigger(ctx, p.ws, triggerId, input) });
});

export const DELETE = authedRoute<P>(async (_req, ctx, p) => {
  await deleteTrigger(ctx, p.ws, pathParam(triggerIdSchema, p.triggerId, "Trigger"));
  return noContent();
});
