import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type {
  BreakerBackend,
  Engine,
  EngineDeps,
  LimitBackend,
  NodeRegistry,
  RunHandle,
  RunSummary,
  TestNodeOptions,
} from "@/lib/engine/engine-api";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { createMemoryLimitBackend } from "@/lib/engine/limits";
import { createLogger, type LogWriter } from "@/lib/engine/logger";
import type { LogLevel, Logger, ResolvedCredential, RunInfo } from "@/lib/engine/node-definition";
import type { RunEvent, RunRecord, RunStore, StepRecord } from "@/lib/engine/run-store";
import { isFinalRunState } from "@/lib/engine/states";
import { createCredentialResolver } from "@/lib/server/credentials/credential-resolver";
import { redactValue } from "@/lib/server/credentials/redact";
import type { Vault } from "@/lib/server/credentials/vault";
import type { Db } from "@/lib/server/db/client";
import type { SqlStatement } from "@/lib/server/run-store/bulk-sql";
import { conflict, notFound } from "@/lib/server/http/app-error";
import { serverMetrics } from "@/lib/server/metrics/server-metrics";
import { orderedId } from "@/lib/server/db/ordered-id";
import { createVariableStore } from "@/lib/server/variables/variable-store";
import { withCredentialRateLimits } from "./credential-rate-limits";
import { createFlowLoader } from "./flow-loader";
import { createKeyedMutex, DEFAULT_IDEMPOTENCY_WINDOW_MS, idempotencyKeyOf } from "./idempotency";
import { createObservedRunStore, writesAlongside } from "./observed-run-store";
import { claimStaleRuns, heartbeatWaitingRuns } from "./recovery";
import { createRunEventBus, type RunEventBus } from "./run-event-bus";
import { createRunQueue, type RunQueue } from "./run-queue";
import { createRunSecrets, type RunSecrets } from "./run-secrets";
import { appendRunStateEvent } from "./run-settle";

/**
 * The embedded runtime (SPEC §10): one engine per process with everything it needs from the
 * server — the database run store (redacting what it writes), the catalog, the vault, the
 * workspace's variables, sub-flows, the SSRF-guarded fetch — plus a run queue with global and
 * per-flow limits, crash recovery from stale heartbeats, idempotency keys and a graceful
 * shutdown.
 *
 * A run is stored as `pending` the moment it is accepted (so it is visible and survives a
 * crash) and executed by `engine.resumeRun` when the queue gives it a slot; a run whose
 * process died is resumed the same way.
 */

export interface RuntimeOptions {
  db: Db;
  /** The database run store; the runtime wraps it to redact and publish. */
  store: RunStore;
  registry: NodeRegistry;
  vault: Vault;
  definitionOf: (type: string) => CredentialDefinition | undefined;
  fetch: typeof fetch;
  createEngine: (deps: EngineDeps) => Engine;
  /** Posts a finished run's summary with a decrypted notification credential (onFailure/onCompletion `notify`). */
  sendNotification?: (credential: ResolvedCredential, summary: RunSummary, runUrl: string | undefined) => Promise<void>;
  /** Base of links to run pages in notifications, e.g. https://switchyard.example.com. */
  publicUrl?: string;
  limits?: LimitBackend;
  breakers?: BreakerBackend;
  logWrite?: LogWriter;
  logLevel?: LogLevel;
  /** Runs executing at once in this process (default 10). */
  globalConcurrency?: number;
  heartbeatMs?: number;
  /** A pending or running run whose heartbeat is older than this has a dead owner (default 30 s). */
  staleAfterMs?: number;
  /** How often stale runs are looked for (default staleAfterMs / 2). */
  sweepEveryMs?: number;
  idempotencyWindowMs?: number;
  owner?: string;
  now?: () => number;
  /**
   * Queue mode: runs are handed to the shared queue instead of executing in this process
   * (web processes enqueue, `npm run worker` processes execute; lib/server/queue).
   */
  dispatcher?: RunDispatcher;
  /** Sees every event the engine writes (metrics). */
  onEvents?: (events: readonly RunEvent[]) => void;
  /** Called once for each run this process executed to a final state (flow-event triggers); errors are logged. */
  onRunFinished?: (run: RunRecord) => Promise<void>;
}

/** Where runs go in queue mode; undefined in embedded mode (the in-process queue runs them). */
export interface RunDispatcher {
  /** Queues the run once (a job per run id and kind); resolves once it is durable in the queue. */
  dispatch(job: { runId: string; kind: "run" | "retry"; attempt?: number }): Promise<void>;
  /** Takes a queued run back before any worker took it; false when none is waiting. */
  withdraw(runId: string): Promise<boolean>;
  /** Asks whichever worker executes the run to cancel it. */
  requestCancel(runId: string): Promise<void>;
  /** Runs waiting in the queue and executing on workers. */
  depth(): Promise<{ waiting: number; active: number }>;
  close(): Promise<void>;
}

/** The owner of a run that waits in the shared queue: no process holds it, any worker may claim it. */
export const QUEUE_OWNER = "queue";

export interface SubmitRunInput {
  /** The new run's id, when the caller needs it before the run exists (default: a new one). */
  runId?: string;
  /**
   * Rows stored in the same transaction as the new run: both or neither (a webhook delivery).
   * Not written when the run is deduplicated by the flow's idempotency key.
   */
  alongside?: readonly SqlStatement[];
  workspaceId: string;
  flowId?: string;
  flowVersion?: number;
  document: FlowDocument;
  params: Record<string, unknown>;
  dryRun?: boolean;
  trigger?: RunInfo["trigger"];
  scheduledAt?: string;
}

export type CancelOutcome = "cancelled" | "cancelling" | "already-final";

export interface Runtime {
  readonly engine: Engine;
  /** The store every reader should use (it sees buffered writes). */
  readonly store: RunStore;
  readonly bus: RunEventBus;
  readonly owner: string;
  /** The engine's rate and concurrency limits (Redis in queue mode). */
  readonly limits: LimitBackend;
  readonly logger: Logger;
  /** Queue mode's dispatcher (undefined in embedded mode). */
  readonly dispatcher: RunDispatcher | undefined;
  /**
   * Executes a run in this process now, outside the local queue (a queue-mode worker that has
   * claimed it); the handle's end is reported like any other run's.
   */
  executeHere(runId: string, kind: "run" | "retry"): Promise<RunHandle>;
  /** Resumes runs left behind by a dead process, then keeps heartbeats and sweeps going. */
  start(): Promise<void>;
  submitRun(input: SubmitRunInput): Promise<{ runId: string; deduplicated: boolean }>;
  retryRun(runId: string): Promise<{ runId: string }>;
  cancelRun(runId: string): Promise<CancelOutcome>;
  testNode(document: FlowDocument, nodeId: string, options: TestNodeOptions & { workspaceId: string }): Promise<StepRecord>;
  /** Whether this process holds the run (waiting for a slot or executing). */
  isLive(runId: string): boolean;
  /** Resolves with the run once it reaches a final state and this process no longer holds it. */
  whenFinished(runId: string): Promise<RunRecord | null>;
  /** Stop taking runs, give running steps `graceMs` to finish, leave the rest resumable. */
  shutdown(graceMs: number): Promise<void>;
  stats(): { waiting: number; active: number };
}

/** How often a queue-mode web process looks whether a run awaited by `whenFinished` ended. */
const WHEN_FINISHED_POLL_MS = 250;

/** A new run id; ids sort by creation time (lib/server/db/ordered-id.ts). */
export function newRunId(): string {
  return orderedId("run_");
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const now = options.now ?? Date.now;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const sweepEveryMs = options.sweepEveryMs ?? Math.max(1_000, Math.floor(staleAfterMs / 2));
  const windowMs = options.idempotencyWindowMs ?? DEFAULT_IDEMPOTENCY_WINDOW_MS;
  const db = options.db;

  const secrets: RunSecrets = createRunSecrets();
  const bus = createRunEventBus();
  const store = createObservedRunStore(options.store, { bus, secrets, onEvents: options.onEvents });
  const limits = options.limits ?? createMemoryLimitBackend();
  const logger: Logger = createLogger({
    write: options.logWrite,
    level: options.logLevel ?? "info",
    bindings: { component: "runtime", owner },
    redact: (value) => redactValue(value, secrets.all()),
  });

  const credentials = createCredentialResolver({
    db,
    vault: options.vault,
    definitionOf: options.definitionOf,
    onSecrets: (runId, values) => secrets.add(runId, values),
  });
  const send = options.sendNotification;
  const notify: EngineDeps["notify"] = send
    ? async (credentialId, summary) => {
        // Only a credential of the run's own workspace can be notified.
        const run = await store.getRun(summary.runId);
        const credential = await credentials.resolve(credentialId, { workspaceId: run?.workspaceId, runId: summary.runId });
        const workspace = run?.workspaceId
          ? await db.workspace.findUnique({ where: { id: run.workspaceId }, select: { slug: true } })
          : null;
        const runUrl = options.publicUrl && workspace ? `${options.publicUrl}/w/${workspace.slug}/runs/${summary.runId}` : undefined;
        await send(credential, summary, runUrl);
      }
    : undefined;

  const engine = options.createEngine({
    registry: options.registry,
    store,
    logger,
    fetch: options.fetch,
    credentials,
    variables: createVariableStore(db),
    flows: createFlowLoader(db, (workspaceId, document) => withCredentialRateLimits(db, workspaceId, document, options.definitionOf)),
    limits,
    breakers: options.breakers,
    owner,
    heartbeatMs,
    notify,
  });

  const vacateListeners = new Map<string, Set<() => void>>();
  const queue: RunQueue = createRunQueue({
    globalLimit: options.globalConcurrency ?? 10,
    onVacate: (runId) => {
      for (const listener of vacateListeners.get(runId) ?? []) listener();
    },
    onStartError: (runId, error) => {
      logger.error("run could not start", { runId, error: error instanceof Error ? error.message : String(error) });
      void failUnstarted(runId, error);
    },
  });
  const withKey = createKeyedMutex();
  let started: Promise<void> | undefined;
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];

  const dispatcher = options.dispatcher;

  /** The engine call that starts (or resumes) a run, or retries it from its failed nodes. */
  function beginner(runId: string, kind: "run" | "retry"): () => Promise<RunHandle> {
    return kind === "retry" ? () => engine.retryFromFailure(runId) : () => engine.resumeRun(runId);
  }

  /**
   * Embedded: counts the run against the limits and hands it to the engine when a slot frees.
   * Queue mode: puts it on the shared queue, where a worker claims it.
   */
  async function schedule(
    runId: string,
    document: FlowDocument,
    flowId: string | undefined,
    kind: "run" | "retry",
    attempt?: number,
  ): Promise<void> {
    if (dispatcher) {
      await dispatcher.dispatch({ runId, kind, ...(attempt !== undefined ? { attempt } : {}) });
      return;
    }
    const begin = beginner(runId, kind);
    queue.enqueue({
      runId,
      flowKey: flowId ?? runId,
      flowLimit: document.settings?.maxConcurrentRuns,
      start: options.onRunFinished ? () => begin().then(reportFinished) : begin,
    });
  }

  /** Hands a run that reached a final state to `onRunFinished` (not one left pending by a shutdown). */
  function reportFinished(handle: RunHandle): RunHandle {
    void handle.done
      .then(async (run) => {
        if (!isFinalRunState(run.state)) return;
        await options.onRunFinished?.(run);
      })
      .catch((err: unknown) => logger.error("onRunFinished failed", { runId: handle.runId, error: String(err) }));
    return handle;
  }

  /** A run the engine refused to start is failed with the reason, never left pending. */
  async function failUnstarted(runId: string, error: unknown): Promise<void> {
    const run = await store.getRun(runId).catch(() => null);
    if (!run || isFinalRunState(run.state) || run.state === "running") return;
    const message = error instanceof Error ? error.message : String(error);
    await finish(runId, "failed", { name: "StartError", message, category: "unknown" });
  }

  async function finish(runId: string, state: "failed" | "cancelled", error?: RunRecord["error"]): Promise<void> {
    const at = now();
    await store.updateRun(runId, { state, finishedAt: at, ...(error ? { error } : {}) });
    await appendRunStateEvent(store, runId, state, at, error);
  }

  async function sweep(): Promise<void> {
    if (stopping) return;
    const exclude = new Set([...queue.waitingIds(), ...queue.activeIds()]);
    // In queue mode a claimed run goes back to the queue, marked as held by no process.
    const claimed = await claimStaleRuns(db, { owner: dispatcher ? QUEUE_OWNER : owner, now: now(), staleAfterMs, exclude });
    for (const stale of claimed) {
      const run = await store.getRun(stale.id);
      if (!run) continue;
      logger.info("resuming a run whose process stopped", { runId: run.id, state: stale.state });
      serverMetrics().runsResumed.inc();
      await schedule(run.id, run.document, run.flowId, "run");
    }
  }

  const runtime: Runtime = {
    engine,
    store,
    bus,
    owner,
    limits,
    logger,
    dispatcher,

    async executeHere(runId, kind) {
      const handle = await beginner(runId, kind)();
      return options.onRunFinished ? reportFinished(handle) : handle;
    },

    start() {
      started ??= (async () => {
        await sweep();
        const beat = setInterval(() => {
          void heartbeatWaitingRuns(db, queue.waitingIds(), owner, now()).catch((err: unknown) =>
            logger.warn("heartbeat of waiting runs failed", { error: String(err) }),
          );
        }, heartbeatMs);
        const sweeper = setInterval(() => {
          void sweep().catch((err: unknown) => logger.warn("recovery sweep failed", { error: String(err) }));
        }, sweepEveryMs);
        for (const t of [beat, sweeper]) {
          t.unref();
          timers.push(t);
        }
      })();
      return started;
    },

    async submitRun(input) {
      if (stopping) throw conflict("The server is shutting down and takes no new runs; try again in a moment.");
      const document = await withCredentialRateLimits(db, input.workspaceId, input.document, options.definitionOf);
      // The workspace's variables are read only for a flow that has an idempotency key to evaluate.
      const key =
        input.flowId && document.settings?.idempotencyKey
          ? await idempotencyKeyOf(document, input.params, await createVariableStore(db).all({ workspaceId: input.workspaceId }))
          : undefined;
      const create = async (): Promise<{ runId: string; deduplicated: boolean }> => {
        if (key && input.flowId) {
          const existing = await db.run.findFirst({
            where: { flowId: input.flowId, idempotencyKey: key, createdAt: { gte: new Date(now() - windowMs) } },
            orderBy: { createdAt: "desc" },
            select: { id: true },
          });
          if (existing) return { runId: existing.id, deduplicated: true };
        }
        const runId = input.runId ?? newRunId();
        const at = now();
        const record: RunRecord = {
          id: runId,
          workspaceId: input.workspaceId,
          ...(input.flowId ? { flowId: input.flowId } : {}),
          ...(input.flowVersion !== undefined ? { flowVersion: input.flowVersion } : {}),
          document,
          state: "pending",
          params: input.params,
          trigger: input.trigger ?? { kind: "manual" },
          dryRun: input.dryRun ?? false,
          attempt: 1,
          createdAt: at,
          ...(input.scheduledAt !== undefined ? { scheduledAt: Date.parse(input.scheduledAt) } : {}),
          heartbeatAt: at,
          owner: dispatcher ? QUEUE_OWNER : owner,
        };
        const alongside = input.alongside ?? [];
        if (alongside.length === 0) await store.createRun(record);
        else if (writesAlongside(store)) await store.createRunWith(record, alongside);
        else {
          await store.createRun(record);
          for (const { sql, values } of alongside) await db.$executeRawUnsafe(sql, ...values);
        }
        if (key) await db.run.update({ where: { id: runId }, data: { idempotencyKey: key } });
        await schedule(runId, document, input.flowId, "run");
        return { runId, deduplicated: false };
      };
      return key && input.flowId ? withKey(`${input.flowId}:${key}`, create) : create();
    },

    async retryRun(runId) {
      if (stopping) throw conflict("The server is shutting down and takes no new runs; try again in a moment.");
      const run = await store.getRun(runId);
      if (!run) throw notFound("Run");
      if (queue.isWaiting(runId) || queue.active(runId)) throw conflict("This run is already executing.");
      if (run.state !== "failed" && run.state !== "crashed" && run.state !== "cancelled") {
        throw conflict(`Only a failed, crashed or cancelled run can be retried; this one is ${run.state}.`, { state: run.state });
      }
      await schedule(runId, run.document, run.flowId, "retry", run.attempt);
      return { runId };
    },

    async cancelRun(runId) {
      if (queue.withdraw(runId) || (dispatcher && (await dispatcher.withdraw(runId)))) {
        await finish(runId, "cancelled");
        return "cancelled";
      }
      if (engine.cancel(runId)) return "cancelling";
      const run = await store.getRun(runId);
      if (!run) throw notFound("Run");
      if (isFinalRunState(run.state)) return "already-final";
      if (dispatcher && run.owner !== QUEUE_OWNER && (run.heartbeatAt ?? 0) > now() - staleAfterMs) {
        // A worker holds it: that worker cancels the run when it hears of it (or before it starts it).
        await dispatcher.requestCancel(runId);
        return "cancelling";
      }
      // Not held by this process (left by a dead one, not yet resumed): settle it here.
      const won = await db.run.updateMany({
        where: { id: runId, state: run.state },
        data: { state: "cancelled", finishedAt: new Date(now()) },
      });
      if (won.count === 1) {
        const last = await store.listEvents(runId, 0);
        await store.appendEvents([{ runId, seq: (last.at(-1)?.seq ?? 0) + 1, at: now(), type: "run.state", data: { state: "cancelled" } }]);
        await store.flush();
        if (dispatcher) await dispatcher.requestCancel(runId);
      }
      return "cancelled";
    },

    async testNode(document, nodeId, opts) {
      const limited = await withCredentialRateLimits(db, opts.workspaceId, document, options.definitionOf);
      const step = await engine.testNode(limited, nodeId, opts);
      return redactValue(step, [...new Set([...secrets.of(step.runId), ...secrets.all()])]);
    },

    isLive: (runId) => queue.isWaiting(runId) || queue.activeIds().includes(runId),

    whenFinished(runId) {
      return new Promise((resolve) => {
        let settled = false;
        const listeners = vacateListeners.get(runId) ?? new Set<() => void>();
        vacateListeners.set(runId, listeners);
        const onVacate = () => void check();
        const off = bus.subscribe(runId, (event) => {
          if (event.type === "run.state") void check();
        });
        listeners.add(onVacate);
        // In queue mode a worker executes the run: no local event tells when it ends.
        const poll = dispatcher ? setInterval(() => void check(), WHEN_FINISHED_POLL_MS) : undefined;
        poll?.unref();
        async function check(): Promise<void> {
          if (settled) return;
          const run = await store.getRun(runId);
          if (settled || (run && (!isFinalRunState(run.state) || runtime.isLive(runId)))) return;
          settled = true;
          if (poll) clearInterval(poll);
          off();
          listeners.delete(onVacate);
          if (listeners.size === 0) vacateListeners.delete(runId);
          resolve(run);
        }
        void check();
      });
    },

    async shutdown(graceMs) {
      stopping = true;
      queue.stop();
      for (const t of timers.splice(0)) clearInterval(t);
      await engine.shutdown(graceMs);
      await store.flush();
      await dispatcher?.close();
    },

    stats: () => queue.stats(),
  };
  return runtime;
}
