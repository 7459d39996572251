import type { ArtifactRecord, CacheEntry, RunEvent, RunPatch, RunRecord, RunStore, StepRecord } from "@/lib/engine/run-store";
import { isFinalRunState } from "@/lib/engine/states";
import { providerOfDb, type Db } from "@/lib/server/db/client";
import type { Provider } from "@/lib/server/db/schema-files";
import { Prisma } from "@/lib/server/db/generated/sqlite/client";
import { insertArtifactsSql, insertEventsSql, upsertStepsSql, type SqlStatement } from "./bulk-sql";
import {
  artifactToRow,
  cacheToData,
  eventToRow,
  rowToArtifact,
  rowToCache,
  rowToEvent,
  rowToRun,
  rowToStep,
  runPatchToData,
  runToCreateData,
  stepToRow,
} from "./records";
import { splitByRun, WriteBuffer, type PendingWrites } from "./write-buffer";

export interface PrismaRunStoreOptions {
  /** Buffered writes that trigger a flush; the write that reaches it waits for the flush (default 500). */
  maxBufferedWrites?: number;
  /** A buffered write is flushed at the latest after this long (default 25 ms). */
  flushIntervalMs?: number;
  /** Where a failed timer-driven flush is reported (the writes stay buffered and are retried). */
  onBackgroundError?: (error: unknown) => void;
}

export interface RunStoreStats {
  /** Flushes that had something to write. */
  flushes: number;
  /** Database transactions the store opened for buffered writes. */
  transactions: number;
  /** Writes that went straight to the database (runs this store has not seen). */
  directWrites: number;
}

/** Prisma errors that no retry can fix: a duplicate key, a missing parent row, a missing record. */
const PERMANENT_CODES = new Set(["P2002", "P2003", "P2011", "P2025"]);
/** The same, reported by the driver adapter for the statements written in plain SQL (P2010). */
const PERMANENT_DRIVER_KINDS = new Set(["UniqueConstraintViolation", "ForeignKeyConstraintViolation", "NullConstraintViolation"]);

function isPermanent(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (PERMANENT_CODES.has(error.code)) return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === "P2010" && typeof cause?.kind === "string" && PERMANENT_DRIVER_KINDS.has(cause.kind);
}

/**
 * The engine's RunStore on SQLite or PostgreSQL.
 *
 * Step results, events, artifacts, run patches and cache entries of runs this store created
 * or read are buffered and written together in one transaction per flush: on `flush()` (the
 * engine calls it when a step ends), when `maxBufferedWrites` is reached, or `flushIntervalMs`
 * after the first buffered write. Repeated saves of one step and repeated patches of one run
 * are coalesced. Reads flush first, so they always see every earlier write.
 *
 * Writes for a run this store has not seen (e.g. a cancel from another process) go straight
 * to the database, so a wrong run id fails at the call instead of in a later flush.
 */
export class PrismaRunStore implements RunStore {
  readonly #db: Db;
  readonly #provider: Provider;
  readonly #maxBuffered: number;
  readonly #intervalMs: number;
  readonly #onBackgroundError: (error: unknown) => void;
  readonly #buffer = new WriteBuffer();
  readonly #knownRuns = new Set<string>();
  readonly #stats: RunStoreStats = { flushes: 0, transactions: 0, directWrites: 0 };
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(db: Db, options: PrismaRunStoreOptions = {}) {
    this.#db = db;
    this.#provider = providerOfDb(db);
    this.#maxBuffered = options.maxBufferedWrites ?? 500;
    this.#intervalMs = options.flushIntervalMs ?? 25;
    this.#onBackgroundError = options.onBackgroundError ?? (() => {});
  }

  stats(): RunStoreStats {
    return { ...this.#stats };
  }

  // ---- runs

  async createRun(run: RunRecord): Promise<void> {
    try {
      await this.#db.run.create({ data: runToCreateData(run) });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new Error(`Run ${run.id} already exists`, { cause: error });
      }
      throw error;
    }
    this.#knownRuns.add(run.id);
  }

  async updateRun(runId: string, patch: RunPatch): Promise<void> {
    const data = runPatchToData(patch);
    if (this.#knownRuns.has(runId)) {
      this.#buffer.patchRun(runId, data);
      // A finished run gets few further writes; stop tracking it so the set stays small.
      if (patch.state && isFinalRunState(patch.state)) this.#knownRuns.delete(runId);
      await this.#afterBufferedWrite();
      return;
    }
    await this.flush();
    this.#stats.directWrites++;
    const { count } = await this.#db.run.updateMany({ where: { id: runId }, data });
    if (count === 0) throw new Error(`Run ${runId} not found`);
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    await this.flush();
    const row = await this.#db.run.findUnique({ where: { id: runId } });
    if (!row) return null;
    const outputIsJsonNull =
      row.output === null && (await this.#db.run.count({ where: { id: runId, output: { equals: Prisma.JsonNull } } })) > 0;
    const run = rowToRun(row, outputIsJsonNull);
    if (!isFinalRunState(run.state)) this.#knownRuns.add(runId);
    return run;
  }

  // ---- steps

  async saveStep(step: StepRecord): Promise<void> {
    const row = stepToRow(step);
    if (this.#knownRuns.has(step.runId)) {
      this.#buffer.saveStep(row);
      await this.#afterBufferedWrite();
      return;
    }
    await this.#writeDirect(upsertStepsSql(this.#provider, [row]));
  }

  async listSteps(runId: string): Promise<StepRecord[]> {
    await this.flush();
    const rows = await this.#db.stepRun.findMany({ where: { runId }, orderBy: { id: "asc" } });
    const inputNulls = rows.some((r) => r.input === null) ? await this.#jsonNullKeys(runId, "input") : new Set<string>();
    const outputNulls = rows.some((r) => r.output === null) ? await this.#jsonNullKeys(runId, "output") : new Set<string>();
    return rows.map((row) => rowToStep(row, { input: inputNulls.has(row.key), output: outputNulls.has(row.key) }));
  }

  /** Keys of the run's steps whose column holds JSON null (Prisma reads it and SQL NULL alike). */
  async #jsonNullKeys(runId: string, column: "input" | "output"): Promise<Set<string>> {
    const rows = await this.#db.stepRun.findMany({
      where: { runId, [column]: { equals: Prisma.JsonNull } },
      select: { key: true },
    });
    return new Set(rows.map((r) => r.key));
  }

  // ---- events

  async appendEvents(events: readonly RunEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map(eventToRow);
    const unknown = rows.filter((e) => !this.#knownRuns.has(e.runId));
    const known = unknown.length === 0 ? rows : rows.filter((e) => this.#knownRuns.has(e.runId));
    if (known.length > 0) this.#buffer.appendEvents(known);
    if (unknown.length > 0) await this.#writeDirect(insertEventsSql(this.#provider, unknown));
    await this.#afterBufferedWrite();
  }

  async listEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]> {
    await this.flush();
    const rows = await this.#db.runEvent.findMany({
      where: { runId, seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      ...(limit === undefined ? {} : { take: limit }),
    });
    return rows.map(rowToEvent);
  }

  // ---- artifacts

  async saveArtifact(artifact: ArtifactRecord): Promise<void> {
    const row = artifactToRow(artifact);
    if (this.#knownRuns.has(artifact.runId)) {
      this.#buffer.saveArtifact(row);
      await this.#afterBufferedWrite();
      return;
    }
    await this.#writeDirect(insertArtifactsSql(this.#provider, [row]));
  }

  async listArtifacts(runId: string): Promise<ArtifactRecord[]> {
    await this.flush();
    const rows = await this.#db.artifact.findMany({ where: { runId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(rowToArtifact);
  }

  // ---- cache

  async getCache(key: string, now: number): Promise<CacheEntry | null> {
    await this.flush();
    const row = await this.#db.cacheEntry.findUnique({ where: { key } });
    if (!row) return null;
    if (row.expiresAt.getTime() <= now) {
      await this.#db.cacheEntry.deleteMany({ where: { key, expiresAt: { lte: new Date(now) } } });
      return null;
    }
    return rowToCache(row);
  }

  async putCache(entry: CacheEntry): Promise<void> {
    this.#buffer.putCache(cacheToData(entry));
    await this.#afterBufferedWrite();
  }

  /** Deletes cache entries expired at `now`; returns how many. For a periodic clean-up. */
  async pruneExpiredCache(now: number): Promise<number> {
    await this.flush();
    const { count } = await this.#db.cacheEntry.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
    return count;
  }

  // ---- flushing

  /**
   * Makes every write so far durable. Flushes run one after another; each writes what is
   * buffered when it starts. Writes a retry can fix stay buffered when it fails; writes that
   * can never succeed (duplicate key, missing run) are dropped, and either way it rejects.
   */
  flush(): Promise<void> {
    const run = this.#chain.then(() => this.#writeBuffered());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Flushes and stops the timer; the store stays usable. */
  async close(): Promise<void> {
    this.#clearTimer();
    await this.flush();
  }

  async #afterBufferedWrite(): Promise<void> {
    if (this.#buffer.size >= this.#maxBuffered) {
      await this.flush();
      return;
    }
    if (this.#buffer.size > 0 && !this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.flush().catch((error: unknown) => this.#onBackgroundError(error));
      }, this.#intervalMs);
      this.#timer.unref();
    }
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #writeBuffered(): Promise<void> {
    if (this.#buffer.size === 0) return;
    this.#clearTimer();
    const writes = this.#buffer.take();
    this.#stats.flushes++;
    try {
      await this.#transaction(writes);
      return;
    } catch (error) {
      const groups = splitByRun(writes);
      if (groups.length <= 1) {
        if (!isPermanent(error)) this.#buffer.restore(writes);
        throw error;
      }
    }
    // One transaction for everything failed: write run by run, so that one run's bad data
    // costs only that run's writes.
    const errors: unknown[] = [];
    for (const group of splitByRun(writes)) {
      try {
        await this.#transaction(group);
      } catch (error) {
        if (!isPermanent(error)) this.#buffer.restore(group);
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} runs' writes could not be stored`);
  }

  async #transaction(writes: PendingWrites): Promise<void> {
    const db = this.#db;
    const ops: Prisma.PrismaPromise<unknown>[] = [];
    for (const [id, data] of writes.runPatches) ops.push(db.run.update({ where: { id }, data }));
    const statements = [
      ...upsertStepsSql(this.#provider, [...writes.steps.values()]),
      ...insertEventsSql(this.#provider, writes.events),
      ...insertArtifactsSql(this.#provider, writes.artifacts),
    ];
    for (const { sql, values } of statements) ops.push(db.$executeRawUnsafe(sql, ...values));
    for (const entry of writes.cache.values()) {
      ops.push(db.cacheEntry.upsert({ where: { key: entry.key }, create: entry, update: entry }));
    }
    this.#stats.transactions++;
    await db.$transaction(ops);
  }

  /** Writes for a run this store has not seen: after everything buffered, straight away. */
  async #writeDirect(statements: SqlStatement[]): Promise<void> {
    await this.flush();
    this.#stats.directWrites++;
    const ops = statements.map(({ sql, values }) => this.#db.$executeRawUnsafe(sql, ...values));
    await (ops.length === 1 ? ops[0] : this.#db.$transaction(ops));
  }
}

export function createPrismaRunStore(db: Db, options?: PrismaRunStoreOptions): PrismaRunStore {
  return new PrismaRunStore(db, options);
}
