import { forbidden, notFound } from "@/lib/server/http/app-error";
import type { AuthzContext } from "./caller";
import { PERMISSIONS, can, type Action } from "./permissions";
import { parseRole, type Role } from "./roles";

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
  runRetentionDays: number;
  createdAt: Date;
}

export interface WorkspaceAccess {
  workspace: WorkspaceRef;
  role: Role;
  userId: string;
}

const REF_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

const ROLE_NAMES: Record<Role, string> = {
  owner: "an owner",
  admin: "an admin",
  editor: "an editor",
  runner: "a runner",
  viewer: "a viewer",
};

function deny(role: Role, action: Action): never {
  const needed = PERMISSIONS[action].map((r) => r).join(", ");
  throw forbidden(`You are ${ROLE_NAMES[role]} of this workspace; this needs one of: ${needed}.`, {
    action,
    role,
    allowedRoles: [...PERMISSIONS[action]],
  });
}

/**
 * The one authorization gate (SPEC §7, §8). Resolves the workspace by slug or id through the
 * caller's own memberships, so a workspace the caller is not in answers 404 exactly like one
 * that does not exist; a member whose role lacks the action gets 403.
 */
export async function requireMember(ctx: AuthzContext, workspaceIdOrSlug: string, action: Action): Promise<WorkspaceAccess> {
  if (!REF_PATTERN.test(workspaceIdOrSlug)) throw notFound("Workspace");
  const memberships = await ctx.db.membership.findMany({
    where: { userId: ctx.caller.userId, workspace: { OR: [{ slug: workspaceIdOrSlug }, { id: workspaceIdOrSlug }] } },
    include: { workspace: true },
    take: 2,
  });
  // A slug wins over an id that happens to be spelled the same.
  const membership = memberships.find((m) => m.workspace.slug === workspaceIdOrSlug) ?? memberships[0];
  const role = membership ? parseRole(membership.role) : undefined;
  if (!membership || !role) throw notFound("Workspace");
  if (!can(role, action)) deny(role, action);
  const { id, slug, name, runRetentionDays, createdAt } = membership.workspace;
  return { workspace: { id, slug, name, runRetentionDays, createdAt }, role, userId: ctx.caller.userId };
}

/**
 * For an object inside a workspace (flow, run, credential…): checks membership first, loads
 * the object, and accepts it only when its own `workspaceId` is the workspace checked. An id
 * from another workspace therefore answers 404 even to a member of both.
 */
export async function requireWorkspaceObject<T extends { workspaceId: string | null }>(
  ctx: AuthzContext,
  workspaceIdOrSlug: string,
  action: Action,
  what: string,
  load: (workspaceId: string) => Promise<T | null>,
): Promise<{ access: WorkspaceAccess; object: T }> {
  const access = await requireMember(ctx, workspaceIdOrSlug, "workspace:read");
  const object = await load(access.workspace.id);
  if (!object || object.workspaceId !== access.workspace.id) throw notFound(what);
  if (!can(access.role, action)) deny(access.role, action);
  return { access, object };
}
