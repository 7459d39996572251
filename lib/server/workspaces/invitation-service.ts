import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { Caller } from "@/lib/server/authz/caller";
import type { WorkspaceAccess } from "@/lib/server/authz/require-member";
import { parseRole, roleAtLeast, type Role } from "@/lib/server/authz/roles";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import { AppError, conflict, forbidden, notFound } from "@/lib/server/http/app-error";

const INVITATION_DAYS = 7;

export interface InvitationDto {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
}

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

function toDto(row: { id: string; email: string; role: string; expiresAt: Date; createdAt: Date }): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: parseRole(row.role) ?? "viewer",
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An invitation is a single-use link bound to one email address. Only its SHA-256 is stored;
 * the link is shown once to whoever created it. Nobody can invite to a role above their own.
 */
export async function createInvitation(
  db: Db,
  access: WorkspaceAccess,
  input: { email: string; role: Role },
  now = new Date(),
): Promise<{ invitation: InvitationDto; token: string }> {
  if (!roleAtLeast(access.role, input.role)) throw forbidden(`You cannot invite someone as ${input.role}: it is above your own role.`);
  const member = await db.membership.findFirst({ where: { workspaceId: access.workspace.id, user: { email: input.email } } });
  if (member) throw conflict(`${input.email} is already a member of this workspace.`);
  const token = randomBytes(32).toString("base64url");
  const row = await db.$transaction(async (tx) => {
    // A new invitation to the same address replaces the pending one.
    await tx.invitation.deleteMany({ where: { workspaceId: access.workspace.id, email: input.email, acceptedAt: null } });
    const created = await tx.invitation.create({
      data: {
        workspaceId: access.workspace.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: access.userId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      },
    });
    await recordAudit(tx, {
      workspaceId: access.workspace.id,
      actorId: access.userId,
      action: "invitation.created",
      target: input.email,
      data: { role: input.role },
    });
    return created;
  });
  return { invitation: toDto(row), token };
}

export async function listInvitations(db: Db, workspaceId: string, now = new Date()): Promise<InvitationDto[]> {
  const rows = await db.invitation.findMany({
    where: { workspaceId, acceptedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDto);
}

export async function revokeInvitation(db: Db, access: WorkspaceAccess, invitationId: string): Promise<void> {
  const { count } = await db.invitation.deleteMany({ where: { id: invitationId, workspaceId: access.workspace.id, acceptedAt: null } });
  if (count === 0) throw notFound("Invitation");
  await recordAudit(db, { workspaceId: access.workspace.id, actorId: access.userId, action: "invitation.revoked", target: invitationId });
}

export interface InvitationPreview {
  workspaceName: string;
  role: Role;
  email: string;
}

const INVALID = "This invitation link is invalid, was already used, or has expired.";
const invalidInvitation = () => new AppError("not_found", INVALID);

/** What the accept page shows to whoever holds the link. */
export async function previewInvitation(db: Db, token: string, now = new Date()): Promise<InvitationPreview> {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { workspace: true } });
  if (!row || row.acceptedAt || row.expiresAt <= now) throw invalidInvitation();
  return { workspaceName: row.workspace.name, role: parseRole(row.role) ?? "viewer", email: row.email };
}

/**
 * Accepts an invitation for the signed-in caller, whose email must be the invited one. The
 * conditional update makes the link single-use even when two requests race.
 */
export async function acceptInvitation(
  db: Db | Prisma.TransactionClient,
  caller: Pick<Caller, "userId" | "email">,
  token: string,
  now = new Date(),
): Promise<{ workspaceId: string; slug: string; role: Role }> {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { workspace: true } });
  if (!row || row.acceptedAt || row.expiresAt <= now) throw invalidInvitation();
  if (row.email !== caller.email)
    throw forbidden("This invitation was sent to a different email address. Sign in with that address to accept it.");
  const role = parseRole(row.role) ?? "viewer";
  const claimed = await db.invitation.updateMany({ where: { id: row.id, acceptedAt: null }, data: { acceptedAt: now } });
  if (claimed.count === 0) throw invalidInvitation();
  const existing = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: row.workspaceId, userId: caller.userId } },
  });
  if (!existing) {
    await db.membership.create({ data: { workspaceId: row.workspaceId, userId: caller.userId, role } });
    await recordAudit(db, {
      workspaceId: row.workspaceId,
      actorId: caller.userId,
      action: "member.joined",
      target: caller.userId,
      data: { role },
    });
  }
  return { workspaceId: row.workspaceId, slug: row.workspace.slug, role: existing ? (parseRole(existing.role) ?? role) : role };
}
