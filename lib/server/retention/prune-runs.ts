import Database from "better-sqlite3";
import { providerOfDb, type Db } from "@/lib/server/db/client";
import { databaseUrlFromEnv, sqliteFilePath } from "@/lib/server/db/database-url";

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
 * pages cheaply. Both run on a short-lived connection of their own (synchronously, as
 * better-sqlite3 does; they hold the write lock while they run): the pragma frees one page
 * per statement step, and only a script execution steps it to the end.
 */
export function reclaimSqliteSpace(db: Db, options: { minFreeBytes?: number; databaseUrl?: string } = {}): ReclaimResult {
  if (providerOfDb(db) !== "sqlite") return { freedBytes: 0, how: "none" };
  const file = sqliteFilePath(options.databaseUrl ?? databaseUrlFromEnv());
  if (file === ":memory:") return { freedBytes: 0, how: "none" };
  const minFree = options.minFreeBytes ?? 4 * 1024 * 1024;
  const conn = new Database(file, { timeout: 10_000 });
  try {
    const pragma = (name: string) => Number(conn.pragma(name, { simple: true }));
    const pageSize = pragma("page_size");
    const before = pragma("page_count");
    const free = pragma("freelist_count") * pageSize;
    if (free === 0 || free < minFree) return { freedBytes: 0, how: "none" };
    let how: ReclaimResult["how"];
    // 2 = INCREMENTAL.
    if (pragma("auto_vacuum") === 2) {
      conn.exec("PRAGMA incremental_vacuum");
      how = "incremental";
    } else {
      conn.exec("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;");
      how = "vacuum";
    }
    const after = pragma("page_count");
    // Move the shrunken pages out of the write-ahead log into the file.
    conn.pragma("wal_checkpoint(TRUNCATE)");
    return { freedBytes: Math.max(0, (before - after) * pageSize), how };
  } finally {
    conn.close();
  }
}
