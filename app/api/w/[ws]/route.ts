import { requireMember } from "@/lib/server/authz/require-member";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, noContent } from "@/lib/server/http/route";
import { updateWorkspaceSchema } from "@/lib/server/workspaces/workspace-schemas";
import { deleteWorkspace, toWorkspaceDetail, updateWorkspace } from "@/lib/server/workspaces/workspace-service";
import { permissionsOf } from "@/lib/server/authz/permissions";

type P = { ws: string };

export const GET = authedRoute<P>(async (_req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "workspace:read");
  return json({ workspace: toWorkspaceDetail(access), permissions: permissionsOf(access.role) });
});

/** Rename or change settings (owner, admin). */
export const PATCH = authedRoute<P>(async (req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "workspace:update");
  const patch = await readJson(req, updateWorkspaceSchema, { maxBytes: 10_000 });
  return json({ workspace: await updateWorkspace(ctx.db, access, patch) });
});

/** Deletes the workspace with its flows, runs and credentials (owner only). */
export const DELETE = authedRoute<P>(async (_req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "workspace:own");
  await deleteWorkspace(ctx.db, access);
  return noContent();
});
