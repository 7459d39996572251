import type { SqliteConnection } from "@/lib/server/db/adapters";
import { errorCode, isConstraintError, type DirectSqlite, type SqliteValue } from "@/lib/server/db/direct-sqlite";
import type {
  Artifact as ArtifactRow,
  CacheEntry as CacheRow,
  Run as RunRow,
  RunEvent as EventRow,
  StepRun as StepRow,
} from "@/lib/server/db/generated/sqlite/client";
import { insertArtifactsSql, insertEventsSql, upsertStepsSql, type SqlStatement } from "./bulk-sql";
import { rowToArtifact, rowToCache, rowToEvent, rowToRun, rowToStep, type StoredRunPatch } from "./records";
import {
  ARTIFACT_COLUMNS,
  CACHE_COLUMNS,
  EVENT_COLUMNS,
  RUN_COLUMNS,
  STEP_COLUMNS,
  columnList,
  decodeRow,
  encodeValue,
  sqliteTimestamp,
  type ColumnKind,
} from "./sqlite-values";
import type { RunStoreBackend } from "./store-backend";
import type { PendingWrites } from "./write-buffer";

/**
 * The run store's database work as prepared statements on the SQLite connection Prisma
 * itself uses (lib/server/db/direct-sqlite.ts). On the embedded default a short run makes a
 * dozen reads and writes; through Prisma they were most of what a webhook-triggered run cost.
 */

const RUN_SELECT = `SELECT ${columnList(RUN_COLUMNS)} FROM "Run" WHERE "id" = ?`;
const STEPS_SELECT = `SELECT ${columnList(STEP_COLUMNS)} FROM "StepRun" WHERE "runId" = ? ORDER BY "id" ASC`;
const EVENTS_SELECT = `SELECT ${columnList(EVENT_COLUMNS)} FROM "RunEvent" WHERE "runId" = ? AND "seq" > ? ORDER BY "seq" ASC`;
const ARTIFACTS_SELECT = `SELECT ${columnList(ARTIFACT_COLUMNS)} FROM "Artifact" WHERE "runId" = ? ORDER BY "createdAt" ASC, "id" ASC`;
const CACHE_SELECT = `SELECT ${columnList(CACHE_COLUMNS)} FROM "CacheEntry" WHERE "key" = ?`;
const CACHE_UPSERT = `INSERT INTO "CacheEntry" (${columnList(CACHE_COLUMNS)}) VALUES (?, ?, ?, ?, ?) ON CONFLICT ("key") DO UPDATE SET "output" = excluded."output", "ports" = excluded."ports", "storedAt" = excluded."storedAt", "expiresAt" = excluded."expiresAt"`;

/** The columns and values of a Prisma create or update input, in the model's column order. */
function encodeData(columns: Record<string, ColumnKind>, data: Record<string, unknown>): { names: string[]; values: SqliteValue[] } {
  const names: string[] = [];
  const values: SqliteValue[] = [];
  for (const name in columns) {
    if (!Object.hasOwn(data, name) || data[name] === undefined) continue;
    names.push(name);
    values.push(encodeValue(columns[name]!, data[name]));
  }
  return { names, values };
}

export function createSqliteBackend(sql: DirectSqlite): RunStoreBackend {
  const statement = sql.statement.bind(sql);
  const write = sql.write.bind(sql);
  const read = <T>(text: string, ...params: SqliteValue[]) => sql.read<T>(text, ...params);

  function runStatements(conn: SqliteConnection, list: readonly SqlStatement[]): void {
    for (const { sql, values } of list) statement(conn, sql).run(...(values as SqliteValue[]));
  }

  function patchRun(conn: SqliteConnection, runId: string, data: StoredRunPatch): number {
    const { names, values } = encodeData(RUN_COLUMNS, data);
    if (names.length === 0) return Number(statement(conn, `SELECT 1 FROM "Run" WHERE "id" = ?`).all(runId).length);
    const update = `UPDATE "Run" SET ${names.map((n) => `"${n}" = ?`).join(", ")} WHERE "id" = ?`;
    return statement(conn, update).run(...values, runId).changes;
  }

  return {
    kind: "sqlite-direct",
    provider: "sqlite",
    get statements() {
      return sql.statements;
    },

    async insertRun(data, alongside = []) {
      const { names, values } = encodeData(RUN_COLUMNS, data);
      const insert = `INSERT INTO "Run" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`;
      try {
        await write((conn) => {
          statement(conn, insert).run(...values);
          runStatements(conn, alongside);
        });
      } catch (error) {
        if (errorCode(error) === "SQLITE_CONSTRAINT_PRIMARYKEY") {
          throw new Error(`Run ${data.id} already exists`, { cause: error });
        }
        throw error;
      }
    },

    updateRun: (runId, data) => write((conn) => patchRun(conn, runId, data)),

    async findRun(runId) {
      const [raw] = await read<Record<string, unknown>>(RUN_SELECT, runId);
      if (!raw) return null;
      return rowToRun(decodeRow<RunRow>(RUN_COLUMNS, raw), raw.output === "null");
    },

    async findSteps(runId) {
      const rows = await read<Record<string, unknown>>(STEPS_SELECT, runId);
      return rows.map((raw) =>
        rowToStep(decodeRow<StepRow>(STEP_COLUMNS, raw), { input: raw.input === "null", output: raw.output === "null" }),
      );
    },

    async findEvents(runId, afterSeq, limit) {
      const select = limit === undefined ? EVENTS_SELECT : `${EVENTS_SELECT} LIMIT ${Math.max(0, Math.floor(limit))}`;
      const rows = await read<Record<string, unknown>>(select, runId, afterSeq);
      return rows.map((raw) => rowToEvent(decodeRow<EventRow>(EVENT_COLUMNS, raw)));
    },

    async findArtifacts(runId) {
      const rows = await read<Record<string, unknown>>(ARTIFACTS_SELECT, runId);
      return rows.map((raw) => rowToArtifact(decodeRow<ArtifactRow>(ARTIFACT_COLUMNS, raw)));
    },

    async findCache(key, now) {
      const [raw] = await read<Record<string, unknown>>(CACHE_SELECT, key);
      if (!raw) return null;
      const row = decodeRow<CacheRow>(CACHE_COLUMNS, raw);
      if (row.expiresAt.getTime() <= now) {
        await write((conn) =>
          statement(conn, `DELETE FROM "CacheEntry" WHERE "key" = ? AND "expiresAt" <= ?`).run(key, sqliteTimestamp(now)),
        );
        return null;
      }
      return rowToCache(row);
    },

    deleteExpiredCache: (now) =>
      write((conn) => statement(conn, `DELETE FROM "CacheEntry" WHERE "expiresAt" <= ?`).run(sqliteTimestamp(now)).changes),

    async writeBatch(writes: PendingWrites) {
      const bulk = [
        ...upsertStepsSql("sqlite", [...writes.steps.values()]),
        ...insertEventsSql("sqlite", writes.events),
        ...insertArtifactsSql("sqlite", writes.artifacts),
      ];
      await write((conn) => {
        for (const [runId, data] of writes.runPatches) {
          if (patchRun(conn, runId, data) === 0) {
            throw Object.assign(new Error(`Run ${runId} not found`), { code: "SQLITE_CONSTRAINT_NOTFOUND" });
          }
        }
        runStatements(conn, bulk);
        for (const entry of writes.cache.values()) {
          const values = (Object.keys(CACHE_COLUMNS) as (keyof typeof CACHE_COLUMNS)[]).map((name) =>
            encodeValue(CACHE_COLUMNS[name], entry[name]),
          );
          statement(conn, CACHE_UPSERT).run(...values);
        }
      });
    },

    async writeStatements(list) {
      await write((conn) => runStatements(conn, list));
    },

    isPermanent: isConstraintError,
  };
}
