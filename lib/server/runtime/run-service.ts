import type { z } from "zod";
import { catalogRegistry } from "@/lib/catalog";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { RunRecord } from "@/lib/engine/run-store";
import { validateFlow } from "@/lib/engine/validate";
import type { AuthzContext } from "@/lib/server/authz/caller";
import type { Action } from "@/lib/server/authz/permissions";
import { requireWorkspaceObject } from "@/lib/server/authz/require-member";
import { readStoredDocument } from "@/lib/server/flows/flow-dto";
import { authorizeFlow } from "@/lib/server/flows/flow-access";
import { AppError, conflict, notFound } from "@/lib/server/http/app-error";
import { getRuntime } from "./get-runtime";
import { validateParameters } from "./parameters";
import { toRunDetail, toStepDto } from "./run-dto";
import type { runListQuerySchema, startRunSchema, testNodeSchema } from "./run-schemas";

/**
 * Runs through the HTTP API (SPEC §9). Every function checks the caller's role on the
 * workspace that owns the flow or run: runners and above start, retry, cancel and test;
 * every member reads. A run id of another workspace answers 404.
 */

function invalid(what: string, problems: { path: (string | number)[]; message: string }[], document?: FlowDocument): AppError {
  const issues = problems.map((p) => {
    // `nodes.3.config.x` is hard to find on a canvas: name the node too.
    const nodeId = p.path[0] === "nodes" && typeof p.path[1] === "number" ? document?.nodes[p.path[1]]?.id : undefined;
    return { path: p.path.join("."), message: p.message, code: "invalid", ...(nodeId ? { nodeId } : {}) };
  });
  const first = issues[0];
  const where = first ? `${"nodeId" in first ? `node "${first.nodeId}", ` : ""}\`${first.path}\`` : "";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError("validation_failed", `${what}: ${where} ${first?.message ?? "is invalid"}${more}.`, { details: { issues } });
}

/** The document a run of this flow executes: a saved version, or the draft. */
async function documentToRun(
  ctx: AuthzContext,
  flow: { id: string; draft: unknown; latestVersion: number },
  version: z.output<typeof startRunSchema>["version"],
) {
  if (version === "draft" || (version === "latest" && flow.latestVersion === 0)) {
    return { document: readStoredDocument(flow.draft, `flow ${flow.id}`), flowVersion: undefined };
  }
  const number = version === "latest" ? flow.latestVersion : version;
  const row = await ctx.db.flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: number } } });
  if (!row) throw notFound(`Version ${number} of this flow`);
  return { document: readStoredDocument(row.document, `flow ${flow.id} v${number}`), flowVersion: number };
}

export function checkRunnable(document: FlowDocument, parameters: Record<string, unknown>): Record<string, unknown> {
  const validation = validateFlow(document, catalogRegistry);
  if (!validation.ok) throw invalid("The flow cannot run", validation.problems, document);
  const params = validateParameters(document, parameters);
  if (!params.ok) throw invalid("Invalid run parameters", params.problems);
  return params.params;
}

export async function startFlowRun(ctx: AuthzContext, workspace: string, flowId: string, input: z.output<typeof startRunSchema>) {
  const { access, flow } = await authorizeFlow(ctx, workspace, flowId, "flow:run");
  const { document, flowVersion } = await documentToRun(ctx, flow, input.version);
  const params = checkRunnable(document, input.parameters);
  return getRuntime().submitRun({
    workspaceId: access.workspace.id,
    flowId: flow.id,
    flowVersion,
    document,
    params,
    dryRun: input.dryRun,
    trigger: { kind: "manual" },
  });
}

/** Events read for a run's detail (its log lines); later ones arrive over the event stream. */
const DETAIL_EVENT_LIMIT = 10_000;

/** The run after checking `action` on the workspace that owns it. */
export async function authorizeRun(ctx: AuthzContext, workspace: string, runId: string, action: Action): Promise<RunRecord> {
  await requireWorkspaceObject(ctx, workspace, action, "Run", (workspaceId) =>
    ctx.db.run.findFirst({ where: { id: runId, workspaceId }, select: { id: true, workspaceId: true } }),
  );
  const run = await getRuntime().store.getRun(runId);
  if (!run) throw notFound("Run");
  return run;
}

export async function getRunDetail(ctx: AuthzContext, workspace: string, runId: string) {
  const run = await authorizeRun(ctx, workspace, runId, "workspace:read");
  const store = getRuntime().store;
  const [steps, events, artifacts] = await Promise.all([
    store.listSteps(runId),
    store.listEvents(runId, 0, DETAIL_EVENT_LIMIT),
    store.listArtifacts(runId),
  ]);
  // The page follows the rest live (SSE from `lastEventSeq`).
  return toRunDetail(run, steps, events, artifacts);
}

export async function retryRun(ctx: AuthzContext, workspace: string, runId: string) {
  await authorizeRun(ctx, workspace, runId, "flow:run");
  return getRuntime().retryRun(runId);
}

export async function cancelRun(ctx: AuthzContext, workspace: string, runId: string) {
  await authorizeRun(ctx, workspace, runId, "flow:run");
  const outcome = await getRuntime().cancelRun(runId);
  if (outcome === "already-final") throw conflict("This run has already finished.");
  return { runId, outcome };
}

interface Cursor {
  at: number;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(`${c.at}:${c.id}`, "utf8").toString("base64url");

function decodeCursor(text: string): Cursor {
  const [at, ...id] = Buffer.from(text, "base64url").toString("utf8").split(":");
  const ms = Number(at);
  if (!Number.isFinite(ms) || id.length === 0) {
    throw new AppError("validation_failed", "Invalid query string: `query.cursor` is not a cursor from this list.", {
      details: { issues: [{ path: "query.cursor", message: "is not a cursor from this list", code: "invalid" }] },
    });
  }
  return { at: ms, id: id.join(":") };
}

export async function listFlowRuns(ctx: AuthzContext, workspace: string, flowId: string, query: z.output<typeof runListQuerySchema>) {
  const { access, flow } = await authorizeFlow(ctx, workspace, flowId, "workspace:read");
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await ctx.db.run.findMany({
    where: {
      workspaceId: access.workspace.id,
      flowId: flow.id,
      ...(query.state && query.state.length > 0 ? { state: { in: query.state } } : {}),
      ...(query.since ? { createdAt: { gte: query.since } } : {}),
      ...(query.dryRun !== undefined ? { dryRun: query.dryRun } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: new Date(cursor.at) } }, { createdAt: new Date(cursor.at), id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    runs: page.map((r) => ({
      id: r.id,
      workspaceId: r.workspaceId,
      flowId: r.flowId,
      flowVersion: r.flowVersion,
      flowName: (r.document as { name?: unknown } | null)?.name ?? flow.name,
      state: r.state,
      params: r.params,
      trigger: r.trigger,
      dryRun: r.dryRun,
      attempt: r.attempt,
      parentRunId: r.parentRunId,
      createdAt: r.createdAt.toISOString(),
      startedAt: r.startedAt?.toISOString() ?? null,
      finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
      error: r.error,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt.getTime(), id: last.id }) : null,
  };
}

/** Runs one node of the flow's draft (SPEC §9 "test a node"); the answer is the step record. */
export async function testFlowNode(
  ctx: AuthzContext,
  workspace: string,
  flowId: string,
  nodeId: string,
  input: z.output<typeof testNodeSchema>,
) {
  const { access, flow } = await authorizeFlow(ctx, workspace, flowId, "flow:run");
  const document = readStoredDocument(flow.draft, `flow ${flow.id}`);
  if (!document.nodes.some((n) => n.id === nodeId)) throw notFound(`Node "${nodeId}" in this flow's draft`);
  const step = await getRuntime().testNode(document, nodeId, {
    input: input.input,
    config: input.config,
    upstream: input.upstream,
    params: input.params,
    dryRun: input.dryRun,
    workspaceId: access.workspace.id,
  });
  return toStepDto(step);
}
