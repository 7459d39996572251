import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { isFinalRunState } from "@/lib/engine/states";
import type { Db } from "@/lib/server/db/client";
import type { Runtime } from "@/lib/server/runtime/runtime";
import { appendRunStateEvent } from "@/lib/server/runtime/run-settle";
import { claimQueuedRun } from "./claim-run";
import type { RedisLimitBackend } from "./redis-limits";
import { cancelChannel, cancelKey, RUN_QUEUE_NAME, runJobSchema } from "./run-jobs";

/**
 * A queue-mode worker: takes run jobs from BullMQ and executes them with the process's
 * runtime (the same engine wiring as the embedded mode). Before it executes a run it
 *   1. holds one of the flow's `maxConcurrentRuns` slots (shared in Redis), else puts the job
 *      back for a moment;
 *   2. claims the run in the database (compare-and-set, lib/server/queue/claim-run.ts), else
 *      puts the job back until the holder's heartbeat would be stale;
 *   3. settles it as cancelled when a cancel request came before it started.
 * The engine then resumes the run from its stored steps (a fresh run has none). A worker that
 * dies mid-run stops renewing its job's lock: BullMQ hands the job to another worker once the
 * lock lapses (`lockDuration` = the stale-heartbeat time), and that worker claims the run
 * once its heartbeat is stale. A run stopped by a shutdown fails its job, which BullMQ
 * retries on another worker at once.
 */

export interface RunWorkerOptions {
  runtime: Runtime;
  db: Db;
  /** A connection for BullMQ's blocking commands (the worker owns it). */
  connection: Redis;
  /** A connection for cancel messages (subscriber mode; the worker owns it). */
  subscriber: Redis;
  /** Commands (cancel keys). */
  redis: Redis;
  prefix: string;
  limits: RedisLimitBackend;
  /** Runs executing at once in this worker. */
  concurrency: number;
  staleAfterMs: number;
  now?: () => number;
}

export interface RunWorker {
  readonly worker: Worker;
  /** Stops taking jobs, lets the runtime leave running runs resumable within `graceMs`, closes. */
  close(graceMs: number): Promise<void>;
}

const FLOW_SLOT_RETRY_MS = 250;

function maxConcurrentRunsOf(document: unknown): number | undefined {
  const value = (document as { settings?: { maxConcurrentRuns?: unknown } } | null)?.settings?.maxConcurrentRuns;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

export async function startRunWorker(options: RunWorkerOptions): Promise<RunWorker> {
  const { runtime, db, redis, prefix } = options;
  const now = options.now ?? Date.now;
  const logger = runtime.logger.child({ component: "worker" });

  await options.subscriber.subscribe(cancelChannel(prefix));
  options.subscriber.on("message", (_channel: string, runId: string) => {
    if (runtime.engine.cancel(runId)) logger.info("cancelling a run on request", { runId });
  });

  const cancelRequested = async (runId: string) => (await redis.exists(cancelKey(prefix, runId))) === 1;

  async function processJob(job: Job, token?: string): Promise<string> {
    const parsed = runJobSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error("dropping a job with an invalid payload", { jobId: job.id, issues: parsed.error.issues.map((i) => i.message) });
      throw new UnrecoverableError(`invalid run job: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    const { runId, kind, attempt } = parsed.data;
    const row = await db.run.findUnique({ where: { id: runId }, select: { state: true, flowId: true, document: true } });
    if (!row) return "missing";
    if (kind === "run" && isFinalRunState(row.state as Parameters<typeof isFinalRunState>[0])) return row.state;

    const flowLimit = maxConcurrentRunsOf(row.document);
    const releaseFlowSlot = row.flowId && flowLimit ? await options.limits.tryAcquireSlot(`flowruns:${row.flowId}`, flowLimit) : () => {};
    if (!releaseFlowSlot) {
      await job.moveToDelayed(now() + FLOW_SLOT_RETRY_MS + Math.floor(Math.random() * FLOW_SLOT_RETRY_MS), token);
      throw new DelayedError();
    }
    try {
      const claim = await claimQueuedRun(db, {
        runId,
        kind,
        attempt,
        owner: runtime.owner,
        now: now(),
        staleAfterMs: options.staleAfterMs,
      });
      if (claim.outcome === "done") return "done";
      if (claim.outcome === "held") {
        await job.moveToDelayed(claim.retryAt, token);
        throw new DelayedError();
      }
      if (await cancelRequested(runId)) {
        const at = now();
        await runtime.store.updateRun(runId, { state: "cancelled", finishedAt: at, owner: undefined });
        await appendRunStateEvent(runtime.store, runId, "cancelled", at);
        return "cancelled";
      }
      const handle = await runtime.executeHere(runId, kind);
      // A cancel that arrived while the engine was loading the run.
      if (await cancelRequested(runId)) runtime.engine.cancel(runId);
      const final = await handle.done;
      if (!isFinalRunState(final.state)) {
        // Interrupted by this worker's shutdown: resumable; another worker takes the job's retry.
        throw new Error(`run ${runId} was left ${final.state} by a shutdown; it resumes on the next attempt`);
      }
      return final.state;
    } finally {
      releaseFlowSlot();
    }
  }

  const worker = new Worker(RUN_QUEUE_NAME, processJob, {
    connection: options.connection,
    prefix,
    concurrency: options.concurrency,
    // A job whose worker stops renewing its lock for this long goes to another worker.
    lockDuration: options.staleAfterMs,
    stalledInterval: Math.max(250, Math.floor(options.staleAfterMs / 2)),
    maxStalledCount: 100,
  });
  worker.on("failed", (job, error) => {
    if (job) logger.warn("run job failed; it is retried", { jobId: job.id, attemptsMade: job.attemptsMade, error: error.message });
  });
  worker.on("error", (error) => logger.warn("queue worker error", { error: error.message }));
  await worker.waitUntilReady();

  return {
    worker,
    async close(graceMs) {
      await worker.pause(true);
      await runtime.shutdown(graceMs);
      await worker.close();
      await options.subscriber.quit().catch(() => undefined);
    },
  };
}
