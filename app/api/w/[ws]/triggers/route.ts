import { readQuery } from "@/lib/server/http/query";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, workspaceRoute } from "@/lib/server/http/route";
import { createTriggerSchema, triggerListQuerySchema } from "@/lib/server/triggers/trigger-schemas";
import { createTrigger, listTriggers } from "@/lib/server/triggers/trigger-service";

type P = { ws: string };

/** The workspace's triggers (`?flowId=…&kind=schedule`), with schedules' next five fires and webhooks' URLs. Every member. */
export const GET = authedRoute<P>(async (req, ctx, p) =>
  json({ triggers: await listTriggers(ctx, p.ws, readQuery(req, triggerListQuerySchema)) }),
);

/** Creates a trigger `{ flowId, kind, name?, config, parameters?, paused? }`. Editors and above. */
export const POST = workspaceRoute<P>("flow:write", async (req, ctx, p) => {
  const input = await readJson(req, createTriggerSchema);
  return json({ trigger: await createTrigger(ctx, p.ws, input) }, 201);
});
