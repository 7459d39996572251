import { flowIdSchema } from "@/lib/server/flows/flow-schemas";
import { FLOW_BODY_LIMIT, authorizeFlow, deleteFlow, getFlow, saveDraft, saveDraftSchema } from "@/lib/server/flows";
import { pathParam } from "@/lib/server/http/path-params";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, noContent } from "@/lib/server/http/route";

type P = { ws: string; flowId: string };

export const GET = authedRoute<P>(async (_req, ctx, p) =>
  json({ flow: await getFlow(ctx, p.ws, pathParam(flowIdSchema, p.flowId, "Flow")) }),
);

/**
 * Saves the draft. Send the `draftRevision` you loaded: if someone saved since, the answer
 * is 409 with who and when. With `versionMessage` the saved draft also becomes a version.
 */
export const PUT = authedRoute<P>(async (req, ctx, p) => {
  const flowId = pathParam(flowIdSchema, p.flowId, "Flow");
  await authorizeFlow(ctx, p.ws, flowId, "flow:write");
  const input = await readJson(req, saveDraftSchema, { maxBytes: FLOW_BODY_LIMIT });
  return json(await saveDraft(ctx, p.ws, flowId, input));
});

export const DELETE = authedRoute<P>(async (_req, ctx, p) => {
  await deleteFlow(ctx, p.ws, pathParam(flowIdSchema, p.flowId, "Flow"));
  return noContent();
});
