import type { RunSummary } from "@/lib/engine/engine-api";
import type { RunRecord } from "@/lib/engine/run-store";
import type { Db } from "@/lib/server/db/client";
import { directSqliteOf } from "@/lib/server/db/direct-sqlite";
import { serverLogger } from "@/lib/server/http/logger";
import type { Runtime } from "@/lib/server/runtime/runtime";
import { readStoredConfig, type FlowEventOutcome } from "./trigger-config";
import { startTriggeredRun } from "./triggered-run";

/**
 * Flow-event triggers (SPEC §6): when a run of flow A reaches a final state, every active
 * flow-event trigger watching A for that outcome starts its own flow with the run's summary
 * as parameters — the same summary an `onFailure`/`onCompletion` `runFlow` hook passes, so
 * one error-handling flow serves both. Called by the runtime once per finished run.
 */

/** Which outcome a final run state is; cancelled runs start nothing. */
export function outcomeOf(state: RunRecord["state"]): "failed" | "completed" | undefined {
  if (state === "completed") return "completed";
  if (state === "failed" || state === "crashed") return "failed";
  return undefined;
}

export const matchesOutcome = (on: FlowEventOutcome, outcome: "failed" | "completed") => on === "both" || on === outcome;

/** The finished run as the parameters of the runs it triggers. */
export function summaryOf(run: RunRecord): RunSummary {
  const failedNode = run.error?.details?.nodeId;
  return {
    runId: run.id,
    ...(run.flowId ? { flowId: run.flowId } : {}),
    flowName: run.document.name,
    state: run.state,
    ...(typeof failedNode === "string" ? { failedNode } : {}),
    ...(run.error ? { error: { message: run.error.message, category: run.error.category } } : {}),
    startedAt: run.startedAt ?? run.createdAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
  };
}

/**
 * The summary fields the target flow declares as parameters (all of them when it declares
 * none), so a flow asks for what it uses, then the trigger's own fixed parameters.
 */
export function flowEventParams(
  summary: RunSummary,
  declared: Record<string, unknown> | undefined,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(summary)) {
    if (value !== undefined && (!declared || name in declared)) fields[name] = value;
  }
  return { ...fields, ...overrides };
}

interface Watcher {
  id: string;
  workspaceId: string;
  flowId: string;
  config: unknown;
}

const WATCHERS_SQL = `SELECT "id", "workspaceId", "flowId", "config" FROM "Trigger" WHERE "kind" = 'flow-event' AND "sourceFlowId" = ? AND "workspaceId" = ? AND "paused" = 0`;

/**
 * The active flow-event triggers watching a flow. Asked after every run, nearly always to
 * find none: on SQLite a prepared statement, not a Prisma query.
 */
async function watchers(db: Db, workspaceId: string, flowId: string): Promise<Watcher[]> {
  const direct = directSqliteOf(db);
  if (!direct) {
    return db.trigger.findMany({
      where: { kind: "flow-event", sourceFlowId: flowId, workspaceId, paused: false },
      select: { id: true, workspaceId: true, flowId: true, config: true },
    });
  }
  const rows = await direct.read<Omit<Watcher, "config"> & { config: string }>(WATCHERS_SQL, flowId, workspaceId);
  return rows.map((row) => ({ ...row, config: JSON.parse(row.config) as unknown }));
}

export async function startFlowEventRuns(db: Db, runtime: Pick<Runtime, "submitRun">, run: RunRecord): Promise<string[]> {
  const outcome = outcomeOf(run.state);
  // Dry runs and child runs of sub-flows are not outcomes of their flow.
  if (!outcome || !run.flowId || !run.workspaceId || run.dryRun || run.parentRunId) return [];
  const triggers = await watchers(db, run.workspaceId, run.flowId);
  const started: string[] = [];
  const summary = summaryOf(run);
  for (const row of triggers) {
    let stored;
    try {
      stored = readStoredConfig("flow-event", row.config);
    } catch (e) {
      serverLogger().error("flow-event trigger has an unreadable config", { triggerId: row.id, error: String(e) });
      continue;
    }
    if (!matchesOutcome(stored.config.on, outcome)) continue;
    const overrides = stored.parameters;
    const result = await startTriggeredRun(db, runtime, {
      trigger: row,
      kind: "flow-event",
      params: (document) => flowEventParams(summary, document.parameters, overrides),
      firedAt: Date.now(),
    });
    if (result.ok) started.push(result.runId);
    else serverLogger().warn("flow-event trigger started no run", { triggerId: row.id, sourceRunId: run.id, error: result.error });
  }
  return started;
}
