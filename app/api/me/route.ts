import { authedRoute, json } from "@/lib/server/http/route";
import { listWorkspacesOf } from "@/lib/server/workspaces/workspace-service";

/** The caller and their workspaces (used by the CLI to check a token). */
export const GET = authedRoute(async (_req, { db, caller }) => {
  const workspaces = await listWorkspacesOf(db, caller.userId);
  return json({ user: { id: caller.userId, email: caller.email, name: caller.name }, authenticatedWith: caller.via, workspaces });
});
