import type { ArtifactRecord, CacheEntry, RunEvent, RunPatch, RunRecord, RunStore, StepRecord } from "@/lib/engine/run-store";
import { isFinalRunState } from "@/lib/engine/states";
import type { Db } from "@/lib/server/db/client";
import { directSqliteOf } from "@/lib/server/db/direct-sqlite";
import { insertArtifactsSql, insertEventsSql, upsertStepsSql, type SqlStatement } from "./bulk-sql";
import { createPrismaBackend } from "./prisma-backend";
import { artifactToRow, cacheToData, eventToRow, runPatchToData, runToCreateData, stepToRow } from "./records";
import { createSqliteBackend } from "./sqlite-backend";
import type { RunStoreBackend } from "./store-backend";
import { splitByRun, WriteBuffer, type PendingWrites } from "./write-buffer";

export interface PrismaRunStoreOptions {
  /** Buffered writes that trigger a flush; the write that reaches it waits for the flush (default 500). */
  maxBufferedWrites?: number;
  /** A buffered write is flushed at the latest after this long (default 25 ms). */
  flushIntervalMs?: number;
  /** Where a failed timer-driven flush is reported (the writes stay buffered and are retried). */
  onBackgroundError?: (error: unknown) => void;
  /**
   * The database work below the buffering. Default: prepared statements on the SQLite
   * connection for a SQLite client from `createDb`, Prisma otherwise.
   */
  backend?: RunStoreBackend;
  /**
   * This process is the only one that writes the runs it creates (embedded mode). The first
   * read of such a run (the engine starting it) is answered from what this store wrote, and
   * a run with no steps, events or artifacts written here has none: a fresh run then starts
   * without reading anything back, and with the document object it was created with (the
   * engine plans each document object once).
   */
  soleWriter?: boolean;
}

/** Fresh runs remembered at most (the oldest are forgotten first; they are then read from the database). */
const MAX_FRESH = 10_000;

export interface RunStoreStats {
  /** Flushes that had something to write. */
  flushes: number;
  /** Database transactions the store opened for buffered writes. */
  transactions: number;
  /** Writes that went straight to the database (runs this store has not seen). */
  directWrites: number;
  /** Statements sent to the database. */
  statements: number;
}

/** The backend a store on `db` uses by default. */
export function defaultBackend(db: Db): RunStoreBackend {
  const direct = directSqliteOf(db);
  return direct ? createSqliteBackend(direct) : createPrismaBackend(db);
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
  readonly #backend: RunStoreBackend;
  readonly #maxBuffered: number;
  readonly #intervalMs: number;
  readonly #onBackgroundError: (error: unknown) => void;
  readonly #buffer = new WriteBuffer();
  readonly #knownRuns = new Set<string>();
  readonly #soleWriter: boolean;
  /** Runs created here and not read since: the record as it now is. */
  readonly #fresh = new Map<string, RunRecord>();
  /** Runs created here with no step, event or artifact written yet. */
  readonly #quiet = new Set<string>();
  readonly #stats = { flushes: 0, transactions: 0, directWrites: 0 };
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(db: Db, options: PrismaRunStoreOptions = {}) {
    this.#backend = options.backend ?? defaultBackend(db);
    this.#soleWriter = options.soleWriter ?? false;
    this.#maxBuffered = options.maxBufferedWrites ?? 500;
    this.#intervalMs = options.flushIntervalMs ?? 25;
    this.#onBackgroundError = options.onBackgroundError ?? (() => {});
  }

  stats(): RunStoreStats {
    return { ...this.#stats, statements: this.#backend.statements };
  }

  // ---- runs

  async createRun(run: RunRecord): Promise<void> {
    return this.createRunWith(run, []);
  }

  /** Creates the run and writes `alongside` in the same transaction (both or neither). */
  async createRunWith(run: RunRecord, alongside: readonly SqlStatement[]): Promise<void> {
    await this.#backend.insertRun(runToCreateData(run), alongside);
    this.#knownRuns.add(run.id);
    if (this.#soleWriter) {
      if (this.#fresh.size >= MAX_FRESH) this.#fresh.delete(this.#fresh.keys().next().value!);
      if (this.#quiet.size >= MAX_FRESH) this.#quiet.delete(this.#quiet.values().next().value!);
      this.#fresh.set(run.id, { ...run });
      this.#quiet.add(run.id);
    }
  }

  /** A write of a step, event or artifact: the run is no longer quiet. */
  #touched(runId: string): void {
    if (this.#quiet.size > 0) this.#quiet.delete(runId);
  }

  async updateRun(runId: string, patch: RunPatch): Promise<void> {
    const data = runPatchToData(patch);
    const fresh = this.#fresh.get(runId);
    if (fresh) {
      for (const key of Object.keys(patch) as (keyof RunPatch)[]) {
        if (patch[key] === undefined) delete fresh[key];
        else (fresh as unknown as Record<string, unknown>)[key] = patch[key];
      }
    }
    if (this.#knownRuns.has(runId)) {
      this.#buffer.patchRun(runId, data);
      // A finished run gets few further writes; stop tracking it so the set stays small.
      if (patch.state && isFinalRunState(patch.state)) this.#knownRuns.delete(runId);
      await this.#afterBufferedWrite();
      return;
    }
    await this.flush();
    this.#stats.directWrites++;
    const count = await this.#backend.updateRun(runId, data);
    if (count === 0) throw new Error(`Run ${runId} not found`);
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const fresh = this.#fresh.get(runId);
    if (fresh) {
      this.#fresh.delete(runId);
      return { ...fresh };
    }
    await this.flush();
    const run = await this.#backend.findRun(runId);
    if (!run) return null;
    if (!isFinalRunState(run.state)) this.#knownRuns.add(runId);
    return run;
  }

  // ---- steps

  async saveStep(step: StepRecord): Promise<void> {
    const row = stepToRow(step);
    this.#touched(step.runId);
    if (this.#knownRuns.has(step.runId)) {
      this.#buffer.saveStep(row);
      await this.#afterBufferedWrite();
      return;
    }
    await this.#writeDirect(upsertStepsSql(this.#backend.provider, [row]));
  }

  async listSteps(runId: string): Promise<StepRecord[]> {
    if (this.#quiet.has(runId)) return [];
    await this.flush();
    return this.#backend.findSteps(runId);
  }

  // ---- events

  async appendEvents(events: readonly RunEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const e of events) this.#touched(e.runId);
    const rows = events.map(eventToRow);
    const unknown = rows.filter((e) => !this.#knownRuns.has(e.runId));
    const known = unknown.length === 0 ? rows : rows.filter((e) => this.#knownRuns.has(e.runId));
    if (known.length > 0) this.#buffer.appendEvents(known);
    if (unknown.length > 0) await this.#writeDirect(insertEventsSql(this.#backend.provider, unknown));
    await this.#afterBufferedWrite();
  }

  async listEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]> {
    if (this.#quiet.has(runId)) return [];
    await this.flush();
    return this.#backend.findEvents(runId, afterSeq, limit);
  }

  // ---- artifacts

  async saveArtifact(artifact: ArtifactRecord): Promise<void> {
    const row = artifactToRow(artifact);
    this.#touched(artifact.runId);
    if (this.#knownRuns.has(artifact.runId)) {
      this.#buffer.saveArtifact(row);
      await this.#afterBufferedWrite();
      return;
    }
    await this.#writeDirect(insertArtifactsSql(this.#backend.provider, [row]));
  }

  async listArtifacts(runId: string): Promise<ArtifactRecord[]> {
    if (this.#quiet.has(runId)) return [];
    await this.flush();
    return this.#backend.findArtifacts(runId);
  }

  // ---- cache

  async getCache(key: string, now: number): Promise<CacheEntry | null> {
    await this.flush();
    return this.#backend.findCache(key, now);
  }

  async putCache(entry: CacheEntry): Promise<void> {
    this.#buffer.putCache(cacheToData(entry));
    await this.#afterBufferedWrite();
  }

  /** Deletes cache entries expired at `now`; returns how many. For a periodic clean-up. */
  async pruneExpiredCache(now: number): Promise<number> {
    await this.flush();
    return this.#backend.deleteExpiredCache(now);
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
        if (!this.#backend.isPermanent(error)) this.#buffer.restore(writes);
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
        if (!this.#backend.isPermanent(error)) this.#buffer.restore(group);
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} runs' writes could not be stored`);
  }

  async #transaction(writes: PendingWrites): Promise<void> {
    this.#stats.transactions++;
    await this.#backend.writeBatch(writes);
  }

  /** Writes for a run this store has not seen: after everything buffered, straight away. */
  async #writeDirect(statements: SqlStatement[]): Promise<void> {
    await this.flush();
    this.#stats.directWrites++;
    await this.#backend.writeStatements(statements);
  }
}

export function createPrismaRunStore(db: Db, options?: PrismaRunStoreOptions): PrismaRunStore {
  return new PrismaRunStore(db, options);
}
