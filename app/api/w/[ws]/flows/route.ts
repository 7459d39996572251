import { FLOW_BODY_LIMIT, createFlow, createFlowSchema, listFlows } from "@/lib/server/flows";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, workspaceRoute } from "@/lib/server/http/route";
import { toWorkspaceDetail } from "@/lib/server/workspaces/workspace-service";

export const GET = authedRoute<{ ws: string }>(async (_req, ctx, { ws }) => {
  const { access, flows } = await listFlows(ctx, ws);
  return json({ workspace: toWorkspaceDetail(access), flows });
});

/** Body: a flow document, `{ document }`, or `{ name, description? }` for an empty flow. */
export const POST = workspaceRoute("flow:write", async (req, ctx, { ws }) => {
  const input = await readJson(req, createFlowSchema, { maxBytes: FLOW_BODY_LIMIT });
  return json({ flow: await createFlow(ctx, ws, input) }, 201);
});
