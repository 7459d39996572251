import type { Logger } from "@/lib/engine/node-definition";
import { getDb } from "@/lib/server/db/client";
import { pruneExpiredRuns, reclaimSqliteSpace } from "./prune-runs";

/** How often old runs are pruned when the configuration does not say (one hour). */
export const DEFAULT_RETENTION_SWEEP_MS = 60 * 60_000;
/** The first sweep waits this long after start, so it never competes with start-up work. */
const FIRST_SWEEP_DELAY_MS = 60_000;

const holder = globalThis as typeof globalThis & { __switchyardRetention?: { stop: () => void } };

/** One pass: prune every workspace's expired runs, then give SQLite's free pages back. */
export async function runRetentionPass(logger?: Logger): Promise<void> {
  const db = getDb();
  const pruned = await pruneExpiredRuns(db);
  if (pruned.deletedRuns > 0) logger?.info("pruned runs past their workspace's retention", { ...pruned });
  const reclaimed = reclaimSqliteSpace(db);
  if (reclaimed.freedBytes > 0) logger?.info("gave freed database space back", { ...reclaimed });
}

/** Starts the background pruning once per process (the web process; idempotent). */
export function startRetention(opts: { everyMs?: number; logger?: Logger } = {}): () => void {
  if (holder.__switchyardRetention) return holder.__switchyardRetention.stop;
  const everyMs = opts.everyMs ?? DEFAULT_RETENTION_SWEEP_MS;
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    void runRetentionPass(opts.logger)
      .catch((err: unknown) => opts.logger?.warn("retention pass failed", { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (running = false));
  };
  const first = setTimeout(pass, Math.min(FIRST_SWEEP_DELAY_MS, everyMs));
  const timer = setInterval(pass, everyMs);
  first.unref();
  timer.unref();
  const stop = () => {
    clearTimeout(first);
    clearInterval(timer);
    holder.__switchyardRetention = undefined;
  };
  holder.__switchyardRetention = { stop };
  return stop;
}
