import type { z } from "zod";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { AuthzContext } from "@/lib/server/authz/caller";
import { requireMember, type WorkspaceAccess } from "@/lib/server/authz/require-member";
import { notFound } from "@/lib/server/http/app-error";
import { authorizeFlow, draftConflict } from "./flow-access";
import type { FlowDetail, FlowSummary, FlowVersionSummary } from "./flow-dto";
import { documentJson, emptyDocument, toDetail, toSummary } from "./flow-rows";
import type { createFlowSchema } from "./flow-schemas";
import { insertVersion } from "./flow-versions";
import { userRefs } from "./user-refs";

/**
 * Flows of a workspace: list, create, read, save the draft, delete. Every function checks
 * the caller's role on the workspace that owns the flow (lib/server/authz) itself, so pages,
 * route handlers and server actions cannot forget it.
 */

export async function listFlows(ctx: AuthzContext, workspace: string): Promise<{ access: WorkspaceAccess; flows: FlowSummary[] }> {
  const access = await requireMember(ctx, workspace, "workspace:read");
  const flows = await ctx.db.flow.findMany({ where: { workspaceId: access.workspace.id }, orderBy: { updatedAt: "desc" }, take: 1000 });
  const users = await userRefs(
    ctx.db,
    flows.map((f) => f.draftUpdatedById),
  );
  return { access, flows: flows.map((f) => toSummary(f, users)) };
}

export async function createFlow(ctx: AuthzContext, workspace: string, input: z.output<typeof createFlowSchema>): Promise<FlowDetail> {
  const access = await requireMember(ctx, workspace, "flow:write");
  const document: FlowDocument = input.document ?? emptyDocument(input.name ?? "Untitled flow", input.description);
  const flow = await ctx.db.flow.create({
    data: {
      workspaceId: access.workspace.id,
      name: document.name,
      description: document.description ?? null,
      draft: documentJson(document),
      draftUpdatedById: ctx.caller.userId,
      createdById: ctx.caller.userId,
    },
  });
  await recordAudit(ctx.db, {
    workspaceId: access.workspace.id,
    actorId: ctx.caller.userId,
    action: "flow.created",
    target: flow.id,
    data: { name: flow.name },
  });
  return toDetail(flow, await userRefs(ctx.db, [flow.draftUpdatedById]));
}

export async function getFlow(ctx: AuthzContext, workspace: string, flowId: string): Promise<FlowDetail> {
  const { flow } = await authorizeFlow(ctx, workspace, flowId, "workspace:read");
  return toDetail(flow, await userRefs(ctx.db, [flow.draftUpdatedById]));
}

/**
 * Saves the draft with optimistic concurrency: the write only happens when the stored
 * revision is still the one the client loaded; otherwise 409 says who saved and when.
 */
export async function saveDraft(
  ctx: AuthzContext,
  workspace: string,
  flowId: string,
  input: { document: FlowDocument; draftRevision: number; versionMessage?: string },
  now = new Date(),
): Promise<{ flow: FlowDetail; version: FlowVersionSummary | null }> {
  const { access } = await authorizeFlow(ctx, workspace, flowId, "flow:write");
  const result = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.flow.updateMany({
      where: { id: flowId, workspaceId: access.workspace.id, draftRevision: input.draftRevision },
      data: {
        draft: documentJson(input.document),
        name: input.document.name,
        description: input.document.description ?? null,
        draftRevision: { increment: 1 },
        draftUpdatedAt: now,
        draftUpdatedById: ctx.caller.userId,
      },
    });
    const flow = await tx.flow.findFirst({ where: { id: flowId, workspaceId: access.workspace.id } });
    if (!flow) throw notFound("Flow");
    if (updated.count === 0) return { kind: "conflict" as const, flow, version: null };
    const version =
      input.versionMessage !== undefined ? await insertVersion(tx, access, flow, input.versionMessage, ctx.caller.userId) : null;
    return { kind: "saved" as const, flow: version ? { ...flow, latestVersion: version.version } : flow, version };
  });
  if (result.kind === "conflict") throw await draftConflict(ctx.db, result.flow, input.draftRevision);
  const users = await userRefs(ctx.db, [result.flow.draftUpdatedById, result.version?.authorId]);
  return {
    flow: toDetail(result.flow, users),
    version: result.version
      ? {
          version: result.version.version,
          message: result.version.message,
          author: users.get(ctx.caller.userId) ?? null,
          createdAt: result.version.createdAt.toISOString(),
        }
      : null,
  };
}

export async function deleteFlow(ctx: AuthzContext, workspace: string, flowId: string): Promise<void> {
  const { access, flow } = await authorizeFlow(ctx, workspace, flowId, "flow:write");
  await ctx.db.flow.deleteMany({ where: { id: flow.id, workspaceId: access.workspace.id } });
  await recordAudit(ctx.db, {
    workspaceId: access.workspace.id,
    actorId: ctx.caller.userId,
    action: "flow.deleted",
    target: flow.id,
    data: { name: flow.name },
  });
}
