import { providerOfDb, type Db } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/db/generated/sqlite/client";
import { insertArtifactsSql, insertEventsSql, upsertStepsSql, type SqlStatement } from "./bulk-sql";
import { rowToArtifact, rowToCache, rowToEvent, rowToRun, rowToStep } from "./records";
import type { RunStoreBackend } from "./store-backend";
import type { PendingWrites } from "./write-buffer";

/** Prisma errors that no retry can fix: a duplicate key, a missing parent row, a missing record. */
const PERMANENT_CODES = new Set(["P2002", "P2003", "P2011", "P2025"]);
/** The same, reported by the driver adapter for the statements written in plain SQL (P2010). */
const PERMANENT_DRIVER_KINDS = new Set(["UniqueConstraintViolation", "ForeignKeyConstraintViolation", "NullConstraintViolation"]);

function isPermanentPrismaError(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (PERMANENT_CODES.has(error.code)) return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === "P2010" && typeof cause?.kind === "string" && PERMANENT_DRIVER_KINDS.has(cause.kind);
}

/** The run store's database work through Prisma: SQLite or PostgreSQL. */
export function createPrismaBackend(db: Db): RunStoreBackend {
  const provider = providerOfDb(db);
  let statements = 0;

  /** Keys of the run's steps whose column holds JSON null (Prisma reads it and SQL NULL alike). */
  async function jsonNullKeys(runId: string, column: "input" | "output"): Promise<Set<string>> {
    const rows = await db.stepRun.findMany({ where: { runId, [column]: { equals: Prisma.JsonNull } }, select: { key: true } });
    return new Set(rows.map((r) => r.key));
  }

  return {
    kind: "prisma",
    provider,
    get statements() {
      return statements;
    },

    async insertRun(data, alongside = []) {
      statements += 1 + alongside.length;
      try {
        if (alongside.length === 0) await db.run.create({ data });
        else await db.$transaction([db.run.create({ data }), ...alongside.map(({ sql, values }) => db.$executeRawUnsafe(sql, ...values))]);
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          throw new Error(`Run ${data.id} already exists`, { cause: error });
        }
        throw error;
      }
    },

    async updateRun(runId, data) {
      statements++;
      const { count } = await db.run.updateMany({ where: { id: runId }, data });
      return count;
    },

    async findRun(runId) {
      statements++;
      const row = await db.run.findUnique({ where: { id: runId } });
      if (!row) return null;
      const outputIsJsonNull =
        row.output === null && (await db.run.count({ where: { id: runId, output: { equals: Prisma.JsonNull } } })) > 0;
      return rowToRun(row, outputIsJsonNull);
    },

    async findSteps(runId) {
      statements++;
      const rows = await db.stepRun.findMany({ where: { runId }, orderBy: { id: "asc" } });
      const inputNulls = rows.some((r) => r.input === null) ? await jsonNullKeys(runId, "input") : new Set<string>();
      const outputNulls = rows.some((r) => r.output === null) ? await jsonNullKeys(runId, "output") : new Set<string>();
      return rows.map((row) => rowToStep(row, { input: inputNulls.has(row.key), output: outputNulls.has(row.key) }));
    },

    async findEvents(runId, afterSeq, limit) {
      statements++;
      const rows = await db.runEvent.findMany({
        where: { runId, seq: { gt: afterSeq } },
        orderBy: { seq: "asc" },
        ...(limit === undefined ? {} : { take: limit }),
      });
      return rows.map(rowToEvent);
    },

    async findArtifacts(runId) {
      statements++;
      const rows = await db.artifact.findMany({ where: { runId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(rowToArtifact);
    },

    async findCache(key, now) {
      statements++;
      const row = await db.cacheEntry.findUnique({ where: { key } });
      if (!row) return null;
      if (row.expiresAt.getTime() <= now) {
        await db.cacheEntry.deleteMany({ where: { key, expiresAt: { lte: new Date(now) } } });
        return null;
      }
      return rowToCache(row);
    },

    async deleteExpiredCache(now) {
      statements++;
      const { count } = await db.cacheEntry.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
      return count;
    },

    async writeBatch(writes: PendingWrites) {
      const ops: Prisma.PrismaPromise<unknown>[] = [];
      for (const [id, data] of writes.runPatches) ops.push(db.run.update({ where: { id }, data }));
      const bulk = [
        ...upsertStepsSql(provider, [...writes.steps.values()]),
        ...insertEventsSql(provider, writes.events),
        ...insertArtifactsSql(provider, writes.artifacts),
      ];
      for (const { sql, values } of bulk) ops.push(db.$executeRawUnsafe(sql, ...values));
      for (const entry of writes.cache.values()) {
        ops.push(db.cacheEntry.upsert({ where: { key: entry.key }, create: entry, update: entry }));
      }
      statements += ops.length;
      await db.$transaction(ops);
    },

    async writeStatements(list: SqlStatement[]) {
      statements += list.length;
      const ops = list.map(({ sql, values }) => db.$executeRawUnsafe(sql, ...values));
      await (ops.length === 1 ? ops[0] : db.$transaction(ops));
    },

    isPermanent: isPermanentPrismaError,
  };
}
