import { recordAudit } from "@/lib/server/audit/record-audit";
import { can } from "@/lib/server/authz/permissions";
import type { WorkspaceAccess } from "@/lib/server/authz/require-member";
import { parseRole, type Role } from "@/lib/server/authz/roles";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import { conflict, forbidden, notFound } from "@/lib/server/http/app-error";

export interface MemberDto {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: string;
}

const ROLE_ORDER: Record<Role, number> = { owner: 0, admin: 1, editor: 2, runner: 3, viewer: 4 };

export async function listMembers(db: Db, workspaceId: string): Promise<MemberDto[]> {
  const rows = await db.membership.findMany({ where: { workspaceId }, include: { user: true }, orderBy: { createdAt: "asc" } });
  return rows
    .flatMap((m) => {
      const role = parseRole(m.role);
      return role ? [{ userId: m.userId, name: m.user.name, email: m.user.email, role, joinedAt: m.createdAt.toISOString() }] : [];
    })
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

async function targetMembership(tx: Prisma.TransactionClient, workspaceId: string, userId: string) {
  const m = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  const role = m ? parseRole(m.role) : undefined;
  if (!m || !role) throw notFound("Member");
  return { ...m, role };
}

async function assertNotLastOwner(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
  if (owners <= 1) throw conflict("A workspace needs at least one owner. Make someone else an owner first, or delete the workspace.");
}

/**
 * Changes a member's role. Admins manage everyone below owner; only an owner may make
 * someone an owner or change an owner's role; the last owner cannot be demoted.
 */
export async function changeMemberRole(db: Db, access: WorkspaceAccess, userId: string, role: Role): Promise<MemberDto> {
  return db.$transaction(async (tx) => {
    const target = await targetMembership(tx, access.workspace.id, userId);
    if ((role === "owner" || target.role === "owner") && access.role !== "owner") {
      throw forbidden("Only an owner can give or take away the owner role.");
    }
    if (target.role === "owner" && role !== "owner") await assertNotLastOwner(tx, access.workspace.id);
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role }, include: { user: true } });
    if (target.role !== role) {
      await recordAudit(tx, {
        workspaceId: access.workspace.id,
        actorId: access.userId,
        action: "member.role_changed",
        target: userId,
        data: { from: target.role, to: role },
      });
    }
    return { userId, name: updated.user.name, email: updated.user.email, role, joinedAt: updated.createdAt.toISOString() };
  });
}

/**
 * Removes a member. Anyone may leave; removing someone else needs `member:manage`, and
 * admins cannot remove owners. The last owner can neither leave nor be removed.
 */
export async function removeMember(db: Db, access: WorkspaceAccess, userId: string): Promise<void> {
  const self = userId === access.userId;
  if (!self && !can(access.role, "member:manage")) throw forbidden("Only owners and admins can remove members.");
  await db.$transaction(async (tx) => {
    const target = await targetMembership(tx, access.workspace.id, userId);
    if (!self && target.role === "owner" && access.role !== "owner") throw forbidden("Only an owner can remove an owner.");
    if (target.role === "owner") await assertNotLastOwner(tx, access.workspace.id);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(tx, {
      workspaceId: access.workspace.id,
      actorId: access.userId,
      action: "member.removed",
      target: userId,
      data: { role: target.role },
    });
  });
}
