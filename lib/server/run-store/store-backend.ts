import type { ArtifactRecord, CacheEntry, RunEvent, RunRecord, StepRecord } from "@/lib/engine/run-store";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import type { Provider } from "@/lib/server/db/schema-files";
import type { SqlStatement } from "./bulk-sql";
import type { StoredRunPatch } from "./records";
import type { PendingWrites } from "./write-buffer";

/**
 * The database work of the run store, below its buffering: one implementation through
 * Prisma (both databases), one with prepared statements straight on the SQLite connection
 * (the embedded default, where Prisma's per-query work is most of a short run's cost).
 */
export interface RunStoreBackend {
  readonly kind: "prisma" | "sqlite-direct";
  /** The SQL dialect of plain statements (bulk-sql). */
  readonly provider: Provider;
  /**
   * Throws `Run <id> already exists` for a duplicate id. `alongside`: statements written in
   * the same transaction (a webhook delivery: stored exactly when its run is).
   */
  insertRun(data: Prisma.RunUncheckedCreateInput, alongside?: readonly SqlStatement[]): Promise<void>;
  /** Rows changed (0: no such run). */
  updateRun(runId: string, data: StoredRunPatch): Promise<number>;
  findRun(runId: string): Promise<RunRecord | null>;
  findSteps(runId: string): Promise<StepRecord[]>;
  findEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]>;
  findArtifacts(runId: string): Promise<ArtifactRecord[]>;
  /** The entry unless expired at `now` (an expired one is deleted). */
  findCache(key: string, now: number): Promise<CacheEntry | null>;
  deleteExpiredCache(now: number): Promise<number>;
  /** Everything in one transaction. */
  writeBatch(writes: PendingWrites): Promise<void>;
  /** Plain statements (bulk-sql), in one transaction when several. */
  writeStatements(statements: SqlStatement[]): Promise<void>;
  /** A write error no retry can fix (duplicate key, missing parent row). */
  isPermanent(error: unknown): boolean;
  /** Statements sent so far (for benchmarks). */
  readonly statements: number;
}
