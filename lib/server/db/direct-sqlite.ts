import type { Statement } from "better-sqlite3";
import type { SqliteConnection } from "./adapters";
import { sqliteConnector, type Db } from "./client";

/**
 * Prepared statements on the SQLite connection a Prisma client talks through, for the few
 * hot paths where Prisma's per-query work (query compilation, the driver adapter's
 * conversions, the statement prepared again every time: about a millisecond of CPU) is most of
 * the cost: the run store's writes and reads, webhook deliveries, flow-event lookups. A
 * prepared better-sqlite3 statement costs a few microseconds.
 *
 * One connection, two users: Prisma holds its transactions open across awaits (BEGIN …
 * COMMIT on this same connection), and anything run on the connection meanwhile would land
 * inside them. Writes here therefore wait until no transaction is open, then run
 * synchronously as one transaction, so nothing of Prisma's can interleave with them either.
 * Reads run at once (like Prisma's own queries outside its transactions).
 */

export type SqliteValue = string | number | null;

export interface DirectSqlite {
  /** The statement for `sql`, prepared once per connection. */
  statement(conn: SqliteConnection, sql: string): Statement;
  read<T>(sql: string, ...params: SqliteValue[]): Promise<T[]>;
  /**
   * `work` in a transaction, once no Prisma transaction is open on the connection; writes of
   * the same event-loop turn share one commit, each in its own savepoint.
   */
  write<T>(work: (conn: SqliteConnection) => T): Promise<T>;
  /** One statement as its own write; the rows it changed. */
  run(sql: string, ...params: SqliteValue[]): Promise<number>;
  /** Statements executed so far (for benchmarks). */
  readonly statements: number;
  /** Transactions committed so far (for benchmarks). */
  readonly commits: number;
}

/** How long a write waits for a Prisma transaction on the connection to end before it gives up. */
const IDLE_WAIT_MS = 10_000;
/** Distinct statement texts kept prepared (multi-row inserts differ by row count). */
const MAX_PREPARED = 256;

export class ConnectionBusyError extends Error {
  readonly code = "SQLITE_BUSY";
}

/** A SQLite constraint violation (duplicate key, missing parent row, NOT NULL): no retry fixes it. */
export const isConstraintError = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  "code" in error &&
  typeof error.code === "string" &&
  error.code.startsWith("SQLITE_CONSTRAINT");

export const errorCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;

export function createDirectSqlite(connection: () => Promise<SqliteConnection>): DirectSqlite {
  let statements = 0;
  let commits = 0;
  const prepared = new Map<string, Statement>();
  let preparedOn: SqliteConnection | undefined;

  function statement(conn: SqliteConnection, sql: string): Statement {
    // A reconnected client has a new connection: statements of the old one went with it.
    if (preparedOn !== conn) {
      prepared.clear();
      preparedOn = conn;
    }
    let stmt = prepared.get(sql);
    if (!stmt) {
      if (prepared.size >= MAX_PREPARED) prepared.clear();
      stmt = conn.prepare(sql);
      // Prisma's adapter turns on BigInt integers for the whole connection; these rows hold small ones.
      if (stmt.reader) stmt.safeIntegers(false);
      prepared.set(sql, stmt);
    }
    statements++;
    return stmt;
  }

  interface QueuedWrite {
    work: (conn: SqliteConnection) => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let queue: QueuedWrite[] = [];
  let scheduled = false;

  /**
   * Group commit: every write asked for during one turn of the event loop runs in one
   * transaction, each inside its own savepoint (better-sqlite3 nests transactions that way),
   * so one write's failure rolls back only that write. A commit costs far more than the
   * statements of a short run (the WAL pages it writes, the checkpoints they cause); many
   * concurrent runs and requests then share one.
   */
  async function commitQueued(): Promise<void> {
    scheduled = false;
    const batch = queue;
    queue = [];
    let conn: SqliteConnection;
    try {
      conn = await connection();
      if (conn.inTransaction) {
        const deadline = Date.now() + IDLE_WAIT_MS;
        while (conn.inTransaction) {
          if (Date.now() > deadline) throw new ConnectionBusyError("The database connection stayed inside another transaction");
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    commits++;
    try {
      conn.transaction(() => {
        for (const w of batch) {
          try {
            outcomes.push({ ok: true, value: batch.length === 1 ? w.work(conn) : conn.transaction(() => w.work(conn))() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        // A single write that failed fails its transaction, as it would on its own.
        if (batch.length === 1 && outcomes[0]?.ok === false) throw outcomes[0].error;
      })();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }

  function write<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void commitQueued());
      }
    });
  }

  return {
    statement,
    get statements() {
      return statements;
    },
    get commits() {
      return commits;
    },
    async read<T>(sql: string, ...params: SqliteValue[]) {
      const conn = await connection();
      return statement(conn, sql).all(...params) as T[];
    },
    write,
    run: (sql, ...params) => write((conn) => statement(conn, sql).run(...params).changes),
  };
}

const direct = new WeakMap<Db, DirectSqlite>();

/** The direct path for a SQLite client made by `createDb` with the default adapter; undefined otherwise (PostgreSQL). */
export function directSqliteOf(db: Db): DirectSqlite | undefined {
  let found = direct.get(db);
  if (!found) {
    const connector = sqliteConnector(db);
    if (!connector) return undefined;
    found = createDirectSqlite(connector);
    direct.set(db, found);
  }
  return found;
}
