import { recordAudit } from "@/lib/server/audit/record-audit";
import type { AuthzContext } from "@/lib/server/authz/caller";
import type { WorkspaceAccess } from "@/lib/server/authz/require-member";
import type { Flow, FlowVersion, Prisma } from "@/lib/server/db/generated/sqlite/client";
import { conflict, notFound } from "@/lib/server/http/app-error";
import { readStoredDocument, type FlowDetail, type FlowVersionDetail, type FlowVersionSummary, type UserRef } from "./flow-dto";
import { authorizeFlow, draftConflict } from "./flow-access";
import { documentJson, toDetail } from "./flow-rows";
import { userRefs } from "./user-refs";

/**
 * Versions are immutable snapshots of the draft, numbered 1, 2, 3… per flow. The conditional
 * bump of `latestVersion` (plus the unique (flowId, version) index) keeps two concurrent
 * saves from taking the same number.
 */
export async function insertVersion(
  tx: Prisma.TransactionClient,
  access: WorkspaceAccess,
  flow: Flow,
  message: string | undefined,
  authorId: string,
): Promise<FlowVersion> {
  const version = flow.latestVersion + 1;
  const bumped = await tx.flow.updateMany({ where: { id: flow.id, latestVersion: flow.latestVersion }, data: { latestVersion: version } });
  if (bumped.count === 0) throw conflict("Another version of this flow was saved at the same moment. Try again.");
  const row = await tx.flowVersion.create({
    data: {
      flowId: flow.id,
      version,
      document: flow.draft as Prisma.InputJsonValue,
      message: message === "" ? null : (message ?? null),
      authorId,
    },
  });
  await recordAudit(tx, {
    workspaceId: access.workspace.id,
    actorId: authorId,
    action: "flow.version_created",
    target: flow.id,
    data: { version },
  });
  return row;
}

function toVersionSummary(row: FlowVersion, users: Map<string, UserRef>): FlowVersionSummary {
  return {
    version: row.version,
    message: row.message,
    author: row.authorId ? (users.get(row.authorId) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toVersionDetail(row: FlowVersion, users: Map<string, UserRef>): FlowVersionDetail {
  return {
    ...toVersionSummary(row, users),
    flowId: row.flowId,
    document: readStoredDocument(row.document, `version ${row.version} of flow ${row.flowId}`),
  };
}

/** Snapshots the current draft as the next version. `draftRevision`, when sent, must be current. */
export async function createVersion(
  ctx: AuthzContext,
  workspace: string,
  flowId: string,
  input: { message?: string; draftRevision?: number },
): Promise<FlowVersionDetail> {
  const { access } = await authorizeFlow(ctx, workspace, flowId, "flow:write");
  const row = await ctx.db.$transaction(async (tx) => {
    const flow = await tx.flow.findFirst({ where: { id: flowId, workspaceId: access.workspace.id } });
    if (!flow) throw notFound("Flow");
    if (input.draftRevision !== undefined && input.draftRevision !== flow.draftRevision) {
      throw await draftConflict(ctx.db, flow, input.draftRevision);
    }
    return insertVersion(tx, access, flow, input.message, ctx.caller.userId);
  });
  return toVersionDetail(row, await userRefs(ctx.db, [row.authorId]));
}

export async function listVersions(
  ctx: AuthzContext,
  workspace: string,
  flowId: string,
  query: { limit: number; before?: number },
): Promise<{ versions: FlowVersionSummary[]; nextBefore: number | null }> {
  const { flow } = await authorizeFlow(ctx, workspace, flowId, "workspace:read");
  const rows = await ctx.db.flowVersion.findMany({
    where: { flowId: flow.id, ...(query.before ? { version: { lt: query.before } } : {}) },
    orderBy: { version: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const users = await userRefs(
    ctx.db,
    page.map((r) => r.authorId),
  );
  return {
    versions: page.map((r) => toVersionSummary(r, users)),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.version ?? null) : null,
  };
}

export async function getVersion(ctx: AuthzContext, workspace: string, flowId: string, version: number): Promise<FlowVersionDetail> {
  const { flow } = await authorizeFlow(ctx, workspace, flowId, "workspace:read");
  const row = await ctx.db.flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version } } });
  if (!row) throw notFound(`Version ${version}`);
  return toVersionDetail(row, await userRefs(ctx.db, [row.authorId]));
}

/** Copies a version into the draft (a new draft revision); the version history is unchanged. */
export async function restoreVersion(
  ctx: AuthzContext,
  workspace: string,
  flowId: string,
  version: number,
  input: { draftRevision?: number },
  now = new Date(),
): Promise<FlowDetail> {
  const { access, flow } = await authorizeFlow(ctx, workspace, flowId, "flow:write");
  const row = await ctx.db.flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version } } });
  if (!row) throw notFound(`Version ${version}`);
  const document = readStoredDocument(row.document, `version ${version} of flow ${flow.id}`);
  const expected = input.draftRevision ?? flow.draftRevision;
  const updated = await ctx.db.flow.updateMany({
    where: { id: flow.id, workspaceId: access.workspace.id, draftRevision: expected },
    data: {
      draft: documentJson(document),
      name: document.name,
      description: document.description ?? null,
      draftRevision: { increment: 1 },
      draftUpdatedAt: now,
      draftUpdatedById: ctx.caller.userId,
    },
  });
  const current = await ctx.db.flow.findFirst({ where: { id: flow.id, workspaceId: access.workspace.id } });
  if (!current) throw notFound("Flow");
  if (updated.count === 0) {
    throw await draftConflict(ctx.db, current, expected);
  }
  await recordAudit(ctx.db, {
    workspaceId: access.workspace.id,
    actorId: ctx.caller.userId,
    action: "flow.version_restored",
    target: flow.id,
    data: { version },
  });
  return toDetail(current, await userRefs(ctx.db, [current.draftUpdatedById]));
}
