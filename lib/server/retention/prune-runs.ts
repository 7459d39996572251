import { providerOfDb, type Db } from "@/lib/server/db/client";

/**
 * Retention (docs/runtime.md): finished runs older than their workspace's `runRetentionDays`
 * are deleted with their steps, events and artifacts (the foreign keys cascade). A setting of
 * 0 keeps runs forever. Runs still pending or running are never touched, however old. Deletes
 * go in small batches so a large backlog never holds the write lock for long (SQLite has one
 * writer; the runs being executed keep writing meanwhile).
 */

const FINAL_STATES = ["completed", "failed", "crashed", "cancelled"];
const DAY_MS = 86_400_000;

export interface PruneOptions {
  now?: number;
  /** Runs deleted per statement (default 200). */
  batchSize?: number;
  /** At most this many runs per call; the next sweep continues (default 20,000). */
  maxRuns?: number;
}

export interface PruneResult {
  deletedRuns: number;
  workspaces: number;
}

export async function pruneExpiredRuns(db: Db, options: PruneOptions = {}): Promise<PruneResult> {
  const now = options.now ?? Date.now();
  const batchSize = options.batchSize ?? 200;
  let budget = options.maxRuns ?? 20_000;
  const workspaces = await db.workspace.findMany({ where: { runRetentionDays: { gt: 0 } }, select: { id: true, runRetentionDays: true } });
  let deletedRuns = 0;
  let touched = 0;
  for (const ws of workspaces) {
    const cutoff = new Date(now - ws.runRetentionDays * DAY_MS);
    let deletedHere = 0;
    while (budget > 0) {
      const batch = await db.run.findMany({
        where: { workspaceId: ws.id, state: { in: FINAL_STATES }, finishedAt: { lt: cutoff } },
        select: { id: true },
        orderBy: { finishedAt: "asc" },
        take: Math.min(batchSize, budget),
      });
      if (batch.length === 0) break;
      const { count } = await db.run.deleteMany({ where: { id: { in: batch.map((r) => r.id) } } });
      deletedHere += count;
      budget -= batch.length;
      if (batch.length < batchSize) break;
    }
    if (deletedHere > 0) touched++;
    deletedRuns += deletedHere;
  }
  return { deletedRuns, workspaces: touched };
}

export interface ReclaimResult {
  /** Bytes given back to the file system. */
  freedBytes: number;
  how: "none" | "incremental" | "vacuum";
}

/**
 * Gives the pages freed by deletes back to the file system (SQLite only; PostgreSQL's
 * autovacuum reuses them). A database created before incremental auto-vacuum was switched on
 * is converted once with a full VACUUM — the only way SQLite changes that mode — when at
 * least `minFreeBytes` are free; afterwards `PRAGMA incremental_vacuum` releases the free
 * pages cheaply.
 */
export async function reclaimSqliteSpace(db: Db, options: { minFreeBytes?: number } = {}): Promise<ReclaimResult> {
  if (providerOfDb(db) !== "sqlite") return { freedBytes: 0, how: "none" };
  const minFree = options.minFreeBytes ?? 4 * 1024 * 1024;
  const pragma = async (name: string): Promise<number> => {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  };
  const pageSize = await pragma("page_size");
  const before = await pragma("page_count");
  const free = (await pragma("freelist_count")) * pageSize;
  if (free === 0 || free < minFree) return { freedBytes: 0, how: "none" };
  // 2 = INCREMENTAL.
  let how: ReclaimResult["how"];
  if ((await pragma("auto_vacuum")) === 2) {
    await db.$queryRawUnsafe("PRAGMA incremental_vacuum");
    how = "incremental";
  } else {
    await db.$executeRawUnsafe("PRAGMA auto_vacuum = INCREMENTAL");
    await db.$executeRawUnsafe("VACUUM");
    how = "vacuum";
  }
  const after = await pragma("page_count");
  return { freedBytes: Math.max(0, (before - after) * pageSize), how };
}
