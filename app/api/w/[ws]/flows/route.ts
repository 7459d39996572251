import { toWorkspaceDetail } from "@/lib/server/workspaces/workspace-service";
import { FLOW_BODY_LIMIT, createFlow, createFlowSchema, listFlows } from "@/lib/server/flows";
import { requireMember } from "@/lib/server/authz/require-member";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";

type P = { ws: string };

export const GET = authedRoute<P>(async (_req, ctx, { ws }) => {
  const { access, flows } = await listFlows(ctx, ws);
  return json({ workspace: toWorkspaceDetail(access), flows });
});

/** Body: a flow document, `{ document }`, or `{ name, description? }` for an empty flow. */
export const POST = authedRoute<P>(async (req, ctx, { ws }) => {
  // Role first: a viewer learns "not allowed" rather than details of a body they may not send.
  await requireMember(ctx, ws, "flow:write");
  const input = await readJson(req, createFlowSchema, { maxBytes: FLOW_BODY_LIMIT });
  return json({ flow: await createFlow(ctx, ws, input) }, 201);
});
