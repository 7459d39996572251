import { requireMember } from "@/lib/server/authz/require-member";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, noContent, workspaceRoute } from "@/lib/server/http/route";
import { changeMemberRole, removeMember } from "@/lib/server/workspaces/member-service";
import { changeRoleSchema } from "@/lib/server/workspaces/workspace-schemas";

type P = { ws: string; userId: string };

export const PATCH = workspaceRoute<P>("member:manage", async (req, { db, access }, { userId }) => {
  const { role } = await readJson(req, changeRoleSchema, { maxBytes: 10_000 });
  return json({ member: await changeMemberRole(db, access, userId, role) });
});

/** Removes a member (owner, admin), or leaves the workspace when `userId` is the caller. */
export const DELETE = authedRoute<P>(async (_req, ctx, { ws, userId }) => {
  const access = await requireMember(ctx, ws, userId === ctx.caller.userId ? "workspace:read" : "member:manage");
  await removeMember(ctx.db, access, userId);
  return noContent();
});
