import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";

export type AuditAction =
  | "workspace.created"
  | "workspace.renamed"
  | "workspace.ownership_transferred"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "invitation.created"
  | "invitation.revoked"
  | "flow.created"
  | "flow.deleted"
  | "flow.version_created"
  | "flow.version_restored";

/**
 * Appends one audit event. Data holds ids, names and roles only: never secrets or documents.
 */
export async function recordAudit(
  db: Db | Prisma.TransactionClient,
  event: {
    workspaceId: string;
    actorId: string | null;
    action: AuditAction;
    target?: string;
    data?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      workspaceId: event.workspaceId,
      actorId: event.actorId,
      action: event.action,
      target: event.target ?? null,
      data: event.data ?? undefined,
    },
  });
}
