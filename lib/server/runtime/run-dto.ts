import type { ArtifactRecord, RunEvent, RunRecord, StepRecord } from "@/lib/engine/run-store";

/**
 * The run API's answers (SPEC §9). Times are ISO strings; a run's detail carries its steps,
 * its log lines (the `log` events) and its artifacts.
 */

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export interface RunSummaryDto {
  id: string;
  workspaceId: string | null;
  flowId: string | null;
  flowVersion: number | null;
  flowName: string;
  state: RunRecord["state"];
  params: Record<string, unknown>;
  trigger: RunRecord["trigger"];
  dryRun: boolean;
  attempt: number;
  parentRunId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: RunRecord["error"] | null;
}

export interface LogDto {
  seq: number;
  at: string;
  level: string;
  message: string;
  stepKey: string | null;
  data: Record<string, unknown> | null;
}

export function toRunSummary(run: RunRecord): RunSummaryDto {
  return {
    id: run.id,
    workspaceId: run.workspaceId ?? null,
    flowId: run.flowId ?? null,
    flowVersion: run.flowVersion ?? null,
    flowName: run.document.name,
    state: run.state,
    params: run.params,
    trigger: run.trigger,
    dryRun: run.dryRun,
    attempt: run.attempt,
    parentRunId: run.parentRunId ?? null,
    createdAt: iso(run.createdAt)!,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    durationMs: run.startedAt !== undefined && run.finishedAt !== undefined ? run.finishedAt - run.startedAt : null,
    error: run.error ?? null,
  };
}

export function toStepDto(step: StepRecord) {
  return {
    key: step.key,
    nodeId: step.nodeId,
    mapIndex: step.mapIndex ?? null,
    state: step.state,
    input: step.input,
    output: step.output,
    ports: step.ports ?? null,
    error: step.error ?? null,
    attempts: step.attempts.map((a) => ({ ...a, startedAt: iso(a.startedAt), finishedAt: iso(a.finishedAt) })),
    startedAt: iso(step.startedAt),
    finishedAt: iso(step.finishedAt),
    durationMs: step.startedAt !== undefined && step.finishedAt !== undefined ? step.finishedAt - step.startedAt : null,
    cacheKey: step.cacheKey ?? null,
  };
}

export function toLogDto(event: RunEvent): LogDto {
  const data = event.data ?? {};
  const level = typeof data.level === "string" ? data.level : "info";
  const message = typeof data.message === "string" ? data.message : "";
  const extra = data.data && typeof data.data === "object" ? (data.data as Record<string, unknown>) : null;
  return { seq: event.seq, at: iso(event.at)!, level, message, stepKey: event.stepKey ?? null, data: extra };
}

export function toArtifactDto(record: ArtifactRecord) {
  return { id: record.id, stepKey: record.stepKey, createdAt: iso(record.createdAt), artifact: record.artifact };
}

export function toRunDetail(run: RunRecord, steps: StepRecord[], events: RunEvent[], artifacts: ArtifactRecord[]) {
  const order = new Map(run.document.nodes.map((n, i) => [n.id, i]));
  const sorted = [...steps].sort(
    (a, b) =>
      (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) ||
      (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0) ||
      (a.mapIndex ?? -1) - (b.mapIndex ?? -1),
  );
  return {
    ...toRunSummary(run),
    document: run.document,
    output: run.output ?? null,
    heartbeatAt: iso(run.heartbeatAt),
    steps: sorted.map(toStepDto),
    logs: events.filter((e) => e.type === "log").map(toLogDto),
    artifacts: artifacts.map(toArtifactDto),
    lastEventSeq: events.at(-1)?.seq ?? 0,
  };
}
