import type { AuthzContext } from "@/lib/server/authz/caller";
import type { Action } from "@/lib/server/authz/permissions";
import { requireWorkspaceObject } from "@/lib/server/authz/require-member";
import type { Db } from "@/lib/server/db/client";
import type { Flow } from "@/lib/server/db/generated/sqlite/client";
import { AppError } from "@/lib/server/http/app-error";
import { userRefs } from "./user-refs";

/**
 * The flow, after checking `action` on the workspace that owns it. A flow id of another
 * workspace answers 404, like a flow that does not exist. Other parts (editor, runs, node
 * tests) call this before touching a flow.
 */
export async function authorizeFlow(ctx: AuthzContext, workspace: string, flowId: string, action: Action) {
  const { access, object } = await requireWorkspaceObject(ctx, workspace, action, "Flow", (workspaceId) =>
    ctx.db.flow.findFirst({ where: { id: flowId, workspaceId } }),
  );
  return { access, flow: object };
}

/** The 409 of a stale draft save: who saved, when, and which revision is current. */
export async function draftConflict(db: Db, flow: Flow, loaded: number): Promise<AppError> {
  const by = flow.draftUpdatedById ? (await userRefs(db, [flow.draftUpdatedById])).get(flow.draftUpdatedById) : undefined;
  const who = by ? (by.name ?? by.email) : "someone";
  return new AppError(
    "conflict",
    `This flow was saved by ${who} at ${flow.draftUpdatedAt.toISOString()} (revision ${flow.draftRevision}) after you loaded revision ${loaded}. Reload it to see their changes before saving.`,
    {
      details: {
        currentRevision: flow.draftRevision,
        yourRevision: loaded,
        savedAt: flow.draftUpdatedAt.toISOString(),
        savedBy: by ?? null,
      },
    },
  );
}
