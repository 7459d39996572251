import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";
import { createWorkspaceSchema } from "@/lib/server/workspaces/workspace-schemas";
import { createWorkspace, listWorkspacesOf } from "@/lib/server/workspaces/workspace-service";

export const GET = authedRoute(async (_req, { db, caller }) => json({ workspaces: await listWorkspacesOf(db, caller.userId) }));

/** Any signed-in user may create a workspace; they become its owner. */
export const POST = authedRoute(async (req, { db, caller }) => {
  const { name } = await readJson(req, createWorkspaceSchema, { maxBytes: 10_000 });
  return json({ workspace: await createWorkspace(db, caller.userId, name) }, 201);
});
