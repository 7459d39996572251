import { recordAudit } from "@/lib/server/audit/record-audit";
import type { WorkspaceAccess } from "@/lib/server/authz/require-member";
import { parseRole, type Role } from "@/lib/server/authz/roles";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import { badRequest, conflict, notFound } from "@/lib/server/http/app-error";
import { slugify, suffixedSlug } from "./slug";

type Client = Db | Prisma.TransactionClient;

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

export interface WorkspaceDetail {
  id: string;
  slug: string;
  name: string;
  runRetentionDays: number;
  createdAt: string;
  role: Role;
}

export function toWorkspaceDetail(access: WorkspaceAccess): WorkspaceDetail {
  const w = access.workspace;
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    runRetentionDays: w.runRetentionDays,
    createdAt: w.createdAt.toISOString(),
    role: access.role,
  };
}

async function freeSlug(db: Client, name: string): Promise<string> {
  const base = slugify(name);
  if (!(await db.workspace.findUnique({ where: { slug: base }, select: { id: true } }))) return base;
  for (let i = 0; i < 5; i++) {
    const candidate = suffixedSlug(base);
    if (!(await db.workspace.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw conflict("Could not find a free address for this workspace; try another name.");
}

/** Creates a workspace with `userId` as its owner. Works inside a transaction. */
export async function createWorkspace(db: Client, userId: string, name: string): Promise<WorkspaceSummary> {
  const slug = await freeSlug(db, name);
  const workspace = await db.workspace.create({
    data: { name, slug, memberships: { create: { userId, role: "owner" } } },
  });
  await recordAudit(db, { workspaceId: workspace.id, actorId: userId, action: "workspace.created", data: { name } });
  return { id: workspace.id, slug: workspace.slug, name: workspace.name, role: "owner" };
}

/** The caller's workspaces, oldest membership first (the first is the default landing page). */
export async function listWorkspacesOf(db: Db, userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await db.membership.findMany({ where: { userId }, include: { workspace: true }, orderBy: { createdAt: "asc" } });
  return memberships.flatMap((m) => {
    const role = parseRole(m.role);
    return role ? [{ id: m.workspace.id, slug: m.workspace.slug, name: m.workspace.name, role }] : [];
  });
}

export async function updateWorkspace(
  db: Db,
  access: WorkspaceAccess,
  patch: { name?: string; runRetentionDays?: number },
): Promise<WorkspaceDetail> {
  const updated = await db.workspace.update({ where: { id: access.workspace.id }, data: patch });
  if (patch.name !== undefined && patch.name !== access.workspace.name) {
    await recordAudit(db, {
      workspaceId: updated.id,
      actorId: access.userId,
      action: "workspace.renamed",
      data: { from: access.workspace.name, to: patch.name },
    });
  }
  return toWorkspaceDetail({ ...access, workspace: updated });
}

/** Deletes the workspace and, by cascade, everything in it. */
export async function deleteWorkspace(db: Db, access: WorkspaceAccess): Promise<void> {
  await db.workspace.delete({ where: { id: access.workspace.id } });
}

/** The owner hands ownership to another member and stays on as an admin. */
export async function transferOwnership(db: Db, access: WorkspaceAccess, toUserId: string): Promise<void> {
  if (toUserId === access.userId) throw badRequest("You already own this workspace.");
  await db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: access.workspace.id, userId: toUserId } },
    });
    if (!target) throw notFound("Member");
    await tx.membership.update({ where: { id: target.id }, data: { role: "owner" } });
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: access.workspace.id, userId: access.userId } },
      data: { role: "admin" },
    });
    await recordAudit(tx, {
      workspaceId: access.workspace.id,
      actorId: access.userId,
      action: "workspace.ownership_transferred",
      target: toUserId,
    });
  });
}
