import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { RunDispatcher } from "@/lib/server/runtime/runtime";
import { cancelChannel, cancelKey, jobIdOf, RUN_QUEUE_NAME, runJobSchema } from "./run-jobs";

const DAY_MS = 86_400_000;

/**
 * Queue mode's side of the runtime that web processes (and the recovery sweep of every
 * process) use: runs go on the BullMQ queue under their run id; cancel requests are a Redis
 * key (read by a worker before it starts the run) plus a message (for the worker already
 * executing it).
 */
export function createQueueDispatcher(redis: Redis, options: { prefix: string }): RunDispatcher & { readonly queue: Queue } {
  const queue = new Queue(RUN_QUEUE_NAME, { connection: redis, prefix: options.prefix });
  return {
    queue,

    async dispatch(job) {
      const data = runJobSchema.parse(job);
      await queue.add(data.kind, data, {
        jobId: jobIdOf(data),
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
        // A job fails when a worker stops mid-run (shutdown) or the database is unreachable;
        // the run is resumed from its stored steps on the next attempt.
        attempts: 100,
        backoff: { type: "exponential", delay: 1_000 },
      });
    },

    async withdraw(runId) {
      const job = await queue.getJob(runId);
      if (!job) return false;
      const state = await job.getState();
      if (state !== "waiting" && state !== "delayed" && state !== "prioritized") return false;
      try {
        await job.remove();
        return true;
      } catch {
        // A worker took it meanwhile (the job is locked).
        return false;
      }
    },

    async requestCancel(runId) {
      await redis.set(cancelKey(options.prefix, runId), "1", "PX", DAY_MS);
      await redis.publish(cancelChannel(options.prefix), runId);
    },

    async depth() {
      const counts = await queue.getJobCounts("wait", "delayed", "prioritized", "active");
      return { waiting: (counts.wait ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0 };
    },

    async close() {
      await queue.close();
    },
  };
}
