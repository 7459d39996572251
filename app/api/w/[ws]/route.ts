import { permissionsOf } from "@/lib/server/authz/permissions";
import { readJson } from "@/lib/server/http/read-json";
import { json, noContent, workspaceRoute } from "@/lib/server/http/route";
import { updateWorkspaceSchema } from "@/lib/server/workspaces/workspace-schemas";
import { deleteWorkspace, toWorkspaceDetail, updateWorkspace } from "@/lib/server/workspaces/workspace-service";

export const GET = workspaceRoute("workspace:read", (_req, { access }) =>
  Promise.resolve(json({ workspace: toWorkspaceDetail(access), permissions: permissionsOf(access.role) })),
);

/** Rename or change settings (owner, admin). */
export const PATCH = workspaceRoute("workspace:update", async (req, { db, access }) => {
  const patch = await readJson(req, updateWorkspaceSchema, { maxBytes: 10_000 });
  return json({ workspace: await updateWorkspace(db, access, patch) });
});

/** Deletes the workspace with its flows, runs and credentials (owner only). */
export const DELETE = workspaceRoute("workspace:own", async (_req, { db, access }) => {
  await deleteWorkspace(db, access);
  return noContent();
});
