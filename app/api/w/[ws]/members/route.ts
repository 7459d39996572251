import { json, workspaceRoute } from "@/lib/server/http/route";
import { listMembers } from "@/lib/server/workspaces/member-service";

/** Every member may see who else is in the workspace. People join through invitations. */
export const GET = workspaceRoute("workspace:read", async (_req, { db, access }) =>
  json({ members: await listMembers(db, access.workspace.id) }),
);
