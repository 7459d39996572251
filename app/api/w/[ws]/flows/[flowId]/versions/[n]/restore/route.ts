import { flowIdSchema, versionNumberSchema } from "@/lib/server/flows/flow-schemas";
import { authorizeFlow, restoreVersion, restoreVersionSchema } from "@/lib/server/flows";
import { pathParam } from "@/lib/server/http/path-params";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";

/** Makes version n the draft (a new draft revision). Optional body `{ draftRevision }` guards against overwriting newer work. */
export const POST = authedRoute<{ ws: string; flowId: string; n: string }>(async (req, ctx, p) => {
  const flowId = pathParam(flowIdSchema, p.flowId, "Flow");
  const n = pathParam(versionNumberSchema, p.n, "Version");
  await authorizeFlow(ctx, p.ws, flowId, "flow:write");
  const input = await readJson(req, restoreVersionSchema, { maxBytes: 10_000, optional: true });
  return json({ flow: await restoreVersion(ctx, p.ws, flowId, n, input) });
});
