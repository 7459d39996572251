import { z } from "zod";

/**
 * The jobs of queue mode's run queue. A job names a run; everything else (document,
 * parameters, steps done) is in the database, so a job is tiny and a lost one costs nothing:
 * the heartbeat sweep queues the run again. The job id is the run id (a retry adds its
 * attempt), so a run is on the queue at most once however many processes queue it.
 */

export const RUN_QUEUE_NAME = "runs";

export const runJobSchema = z
  .object({
    runId: z.string().regex(/^run_[A-Za-z0-9_-]{1,80}$/, "must be a run id (run_…)"),
    kind: z.enum(["run", "retry"]),
    /** For a retry: the run's attempt it retries (a second retry of the same attempt is the same job). */
    attempt: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((job) => job.kind !== "retry" || job.attempt !== undefined, {
    message: "a retry names the attempt it retries",
    path: ["attempt"],
  });

export type RunJob = z.infer<typeof runJobSchema>;

export function jobIdOf(job: RunJob): string {
  return job.kind === "retry" ? `${job.runId}.retry${job.attempt}` : job.runId;
}

/** Redis key and channel of a cancel request (the worker holding the run listens). */
export const cancelKey = (prefix: string, runId: string) => `${prefix}:cancel:${runId}`;
export const cancelChannel = (prefix: string) => `${prefix}:cancel`;
