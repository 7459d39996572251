import type { Db } from "@/lib/server/db/client";
import { QUEUE_OWNER } from "@/lib/server/runtime/runtime";

/**
 * A worker's claim on a queued run before it executes it: a compare-and-set on the run row,
 * so that of two workers holding the same job (BullMQ hands a job whose lock lapsed to
 * another worker) only one executes it. A run is claimable when it waits in the queue (owner
 * `queue`, or none after a shutdown), already belongs to this worker, or its owner's
 * heartbeat is stale (that owner died). A retry is claimable while the run still is in the
 * failed, crashed or cancelled state of the attempt the retry was asked for.
 */

export type ClaimOutcome =
  | { outcome: "claimed" }
  /** Nothing to do: the run is gone, finished, or the retry already happened. */
  | { outcome: "done" }
  /** A live process holds it; look again at `retryAt` (when its heartbeat would be stale). */
  | { outcome: "held"; retryAt: number };

const RETRYABLE = ["failed", "crashed", "cancelled"];
const ACTIVE = ["pending", "running"];

export async function claimQueuedRun(
  db: Db,
  opts: { runId: string; kind: "run" | "retry"; attempt?: number; owner: string; now: number; staleAfterMs: number },
): Promise<ClaimOutcome> {
  const cutoff = new Date(opts.now - opts.staleAfterMs);
  const data = { owner: opts.owner, heartbeatAt: new Date(opts.now) };
  const won =
    opts.kind === "retry"
      ? await db.run.updateMany({ where: { id: opts.runId, attempt: opts.attempt, state: { in: RETRYABLE } }, data })
      : await db.run.updateMany({
          where: {
            id: opts.runId,
            state: { in: ACTIVE },
            OR: [{ owner: QUEUE_OWNER }, { owner: null }, { owner: opts.owner }, { heartbeatAt: null }, { heartbeatAt: { lt: cutoff } }],
          },
          data,
        });
  if (won.count === 1) return { outcome: "claimed" };
  const run = await db.run.findUnique({ where: { id: opts.runId }, select: { state: true, heartbeatAt: true } });
  if (!run || opts.kind === "retry" || !ACTIVE.includes(run.state)) return { outcome: "done" };
  const beat = run.heartbeatAt?.getTime() ?? opts.now;
  return { outcome: "held", retryAt: Math.max(opts.now + 100, beat + opts.staleAfterMs + 50) };
}
