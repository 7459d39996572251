import { requireMember } from "@/lib/server/authz/require-member";
import { authedRoute, json } from "@/lib/server/http/route";
import { listMembers } from "@/lib/server/workspaces/member-service";

/** Every member may see who else is in the workspace. People join through invitations. */
export const GET = authedRoute<{ ws: string }>(async (_req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "workspace:read");
  return json({ members: await listMembers(ctx.db, access.workspace.id) });
});
