import type { Db } from "@/lib/server/db/client";

/**
 * Finding runs whose process died (SPEC §4 durability). A run that is `pending` or `running`
 * and whose heartbeat is older than `staleAfterMs` has no live owner; the first process to
 * claim it (compare-and-set on state and heartbeat) resumes it. Child runs of sub-flows are
 * left to their parent run, which resumes its own sub-flow step.
 */

export interface StaleRun {
  id: string;
  flowId: string | null;
  state: string;
}

const SWEEP_LIMIT = 100;

export async function claimStaleRuns(
  db: Db,
  opts: { owner: string; now: number; staleAfterMs: number; exclude: ReadonlySet<string> },
): Promise<StaleRun[]> {
  const cutoff = new Date(opts.now - opts.staleAfterMs);
  const candidates = await db.run.findMany({
    where: {
      state: { in: ["pending", "running"] },
      parentRunId: null,
      OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, createdAt: { lt: cutoff } }],
    },
    select: { id: true, flowId: true, state: true, heartbeatAt: true },
    orderBy: { createdAt: "asc" },
    take: SWEEP_LIMIT,
  });
  const claimed: StaleRun[] = [];
  for (const run of candidates) {
    if (opts.exclude.has(run.id)) continue;
    const won = await db.run.updateMany({
      where: { id: run.id, state: run.state, heartbeatAt: run.heartbeatAt },
      data: { owner: opts.owner, heartbeatAt: new Date(opts.now) },
    });
    if (won.count === 1) claimed.push({ id: run.id, flowId: run.flowId, state: run.state });
  }
  return claimed;
}

/** Keeps the heartbeat of runs waiting in this process's queue fresh, so no one else claims them. */
export async function heartbeatWaitingRuns(db: Db, ids: readonly string[], owner: string, now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.run.updateMany({ where: { id: { in: [...ids] }, state: "pending" }, data: { heartbeatAt: new Date(now), owner } });
}
