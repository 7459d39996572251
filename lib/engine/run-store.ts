import type { FlowDocument } from "./flow-document";
import type { ArtifactInput, RunInfo } from "./node-definition";
import type { RunState, StepState } from "./states";

/**
 * Where the engine keeps runs, steps, events, artifacts and the result cache. The engine
 * only sees this interface; `memory-run-store.ts` implements it in memory and
 * `lib/server/run-store/prisma-run-store.ts` on SQLite and PostgreSQL.
 *
 * Writes may be buffered by an implementation (to batch them), but `flush()` must make
 * everything written so far durable, and the engine calls it when a step ends.
 */

export interface SerializedError {
  name: string;
  message: string;
  category: string;
  details?: Record<string, unknown>;
}

export interface RunRecord {
  id: string;
  workspaceId?: string;
  flowId?: string;
  flowVersion?: number;
  /** The pinned document this run executes. */
  document: FlowDocument;
  state: RunState;
  params: Record<string, unknown>;
  trigger: RunInfo["trigger"];
  dryRun: boolean;
  parentRunId?: string;
  /** Which retry-from-failure attempt of the run this is (1 for the first). */
  attempt: number;
  createdAt: number;
  /** When a scheduled run was due; kept with the run so a resumed run still sees `run.scheduledAt`. */
  scheduledAt?: number;
  startedAt?: number;
  finishedAt?: number;
  heartbeatAt?: number;
  /** Who holds the run while it executes (process/worker id); used to find crashed runs. */
  owner?: string;
  error?: SerializedError;
  output?: unknown;
}

export type RunPatch = Partial<
  Pick<RunRecord, "state" | "startedAt" | "finishedAt" | "heartbeatAt" | "owner" | "error" | "output" | "attempt">
>;

export interface AttemptRecord {
  attempt: number;
  startedAt: number;
  finishedAt: number;
  error?: SerializedError;
}

export interface StepRecord {
  runId: string;
  /** Stable key: node id, plus `[index]` for a mapped element. */
  key: string;
  nodeId: string;
  mapIndex?: number;
  state: StepState;
  input?: unknown;
  output?: unknown;
  /** Values sent on each taken port, so a resumed run can route exactly as before. */
  ports?: Record<string, unknown>;
  error?: SerializedError;
  attempts: AttemptRecord[];
  startedAt?: number;
  finishedAt?: number;
  cacheKey?: string;
}

export interface RunEvent {
  runId: string;
  /** Increasing per run; consumers resume a stream after a seq. */
  seq: number;
  at: number;
  type: string;
  stepKey?: string;
  data?: Record<string, unknown>;
}

export interface ArtifactRecord {
  id: string;
  runId: string;
  stepKey: string;
  createdAt: number;
  artifact: ArtifactInput;
}

export interface CacheEntry {
  key: string;
  output: unknown;
  ports?: Record<string, unknown>;
  storedAt: number;
  expiresAt: number;
}

export interface RunStore {
  createRun(run: RunRecord): Promise<void>;
  updateRun(runId: string, patch: RunPatch): Promise<void>;
  getRun(runId: string): Promise<RunRecord | null>;
  /** Insert or replace the step stored under (runId, key). */
  saveStep(step: StepRecord): Promise<void>;
  listSteps(runId: string): Promise<StepRecord[]>;
  appendEvents(events: readonly RunEvent[]): Promise<void>;
  /** Events of a run with seq > afterSeq, in order. */
  listEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]>;
  saveArtifact(artifact: ArtifactRecord): Promise<void>;
  listArtifacts(runId: string): Promise<ArtifactRecord[]>;
  getCache(key: string, now: number): Promise<CacheEntry | null>;
  putCache(entry: CacheEntry): Promise<void>;
  flush(): Promise<void>;
}
