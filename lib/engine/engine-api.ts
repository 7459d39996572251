import type { FlowDocument } from "./flow-document";
import type { AnyNodeDefinition, Clock, Logger, ResolvedCredential, RunInfo, SubflowResult } from "./node-definition";
import type { RunRecord, RunStore, StepRecord } from "./run-store";
import type { RunState, StepState } from "./states";

/**
 * The engine's public surface: what the CLI, the server and the workers call. Everything the
 * engine needs from the outside world is passed in as `EngineDeps`.
 */

export interface NodeRegistry {
  get(type: string, version: number): AnyNodeDefinition | undefined;
  /** Latest version of each type, for palettes and docs. */
  list(): readonly AnyNodeDefinition[];
}

export interface CredentialResolver {
  resolve(credentialId: string, scope: { workspaceId?: string; runId: string }): Promise<ResolvedCredential>;
}

export interface VariableStore {
  get(name: string, scope: { workspaceId?: string }): Promise<unknown>;
  set(name: string, value: unknown, scope: { workspaceId?: string }): Promise<void>;
  /** Every variable, for the `vars` expression root. */
  all(scope: { workspaceId?: string }): Promise<Record<string, unknown>>;
}

/** Finds the document of a sub-flow by id or name. */
export interface FlowLoader {
  load(flowRef: string, scope: { workspaceId?: string }): Promise<{ document: FlowDocument; flowId?: string; version?: number } | null>;
}

/** Rate limits and keyed concurrency limits; in memory now, Redis-backed across workers later. */
export interface LimitBackend {
  /** Resolves when a call under `key` may start at `perSecond`; rejects with the signal's reason. */
  acquireRate(key: string, perSecond: number, signal: AbortSignal): Promise<void>;
  /** Resolves with a release function once fewer than `limit` holders of `key` are running. */
  acquireSlot(key: string, limit: number, signal: AbortSignal): Promise<() => void>;
}

export type BreakerState = "closed" | "open" | "half-open";
export interface BreakerBackend {
  /** Whether a call may go through now; in half-open state exactly one probe is let through. */
  allow(key: string, now: number, cooldownMs: number): Promise<{ allowed: boolean; state: BreakerState; retryAt?: number }>;
  recordSuccess(key: string): Promise<void>;
  recordFailure(key: string, now: number, threshold: number): Promise<BreakerState>;
}

export interface EngineDeps {
  registry: NodeRegistry;
  store: RunStore;
  clock?: Clock;
  logger?: Logger;
  fetch?: typeof fetch;
  credentials?: CredentialResolver;
  variables?: VariableStore;
  flows?: FlowLoader;
  limits?: LimitBackend;
  breakers?: BreakerBackend;
  newId?: () => string;
  /** Identity of this process, stored as the run's owner while it executes. */
  owner?: string;
  /** Heartbeat period while a run executes (ms). */
  heartbeatMs?: number;
  /** Hooks: notify a credential (Discord/Slack/webhook) about a finished run. */
  notify?: (credentialId: string, summary: RunSummary) => Promise<void>;
  /** Uniform random numbers in [0, 1) for retry jitter (fixed in tests). */
  random?: () => number;
  /** Mapped nodes with at most this many elements store one step record per element (default 1000). */
  mapElementRecordLimit?: number;
  /** Recent events a run keeps in memory to replay to late subscribers (default 5000). */
  eventHistoryLimit?: number;
}

export interface StartRunOptions {
  params?: Record<string, unknown>;
  dryRun?: boolean;
  trigger?: RunInfo["trigger"];
  runId?: string;
  workspaceId?: string;
  flowId?: string;
  flowVersion?: number;
  parentRunId?: string;
  scheduledAt?: string;
}

/** Everything that happens in a run, in order; drives the live canvas, logs and the CLI. */
export type EngineEvent =
  | { type: "run.state"; runId: string; at: number; state: RunState; error?: { message: string; category: string } }
  | {
      type: "step.state";
      runId: string;
      at: number;
      stepKey: string;
      nodeId: string;
      mapIndex?: number;
      state: StepState;
      attempt?: number;
      durationMs?: number;
      error?: { message: string; category: string };
    }
  | {
      type: "step.retry";
      runId: string;
      at: number;
      stepKey: string;
      nodeId: string;
      attempt: number;
      delayMs: number;
      error: { message: string; category: string };
    }
  | { type: "step.progress"; runId: string; at: number; nodeId: string; done: number; total: number }
  | {
      type: "log";
      runId: string;
      at: number;
      level: "debug" | "info" | "warn" | "error";
      message: string;
      stepKey?: string;
      data?: Record<string, unknown>;
    }
  | { type: "artifact"; runId: string; at: number; stepKey: string; artifactId: string; kind: string; title?: string };

export interface RunSummary {
  runId: string;
  flowId?: string;
  flowName: string;
  state: RunState;
  failedNode?: string;
  error?: { message: string; category: string };
  startedAt?: number;
  finishedAt?: number;
}

export interface RunHandle {
  runId: string;
  /** Subscribe to this run's events; returns an unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** Settles when the run reaches a final state (never rejects). */
  done: Promise<RunRecord>;
}

export interface TestNodeOptions {
  input?: unknown;
  config?: Record<string, unknown>;
  params?: Record<string, unknown>;
  /** Outputs of upstream nodes for expressions, keyed by node id (from the latest run or pinned data). */
  upstream?: Record<string, unknown>;
  dryRun?: boolean;
  workspaceId?: string;
}

export interface Engine {
  startRun(document: FlowDocument, options?: StartRunOptions): Promise<RunHandle>;
  /** Continue a run whose process died, from its stored step results. */
  resumeRun(runId: string): Promise<RunHandle>;
  /** Re-run a failed run from its failed node(s), reusing the outputs before them. */
  retryFromFailure(runId: string): Promise<RunHandle>;
  cancel(runId: string): boolean;
  testNode(document: FlowDocument, nodeId: string, options?: TestNodeOptions): Promise<StepRecord>;
  /** Stop taking runs; wait up to graceMs for running steps; leave the rest resumable. */
  shutdown(graceMs: number): Promise<void>;
}

export type { SubflowResult };
