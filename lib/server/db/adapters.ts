import { randomUUID } from "node:crypto";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { providerOf, sqliteFilePath } from "./database-url";

/**
 * WAL lets readers run beside the one writer; NORMAL sync is durable in WAL mode except for
 * the last commits on power loss; the busy timeout makes a second process wait for the
 * write lock instead of failing at once.
 */
const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL;",
  "PRAGMA synchronous = NORMAL;",
  "PRAGMA busy_timeout = 5000;",
  "PRAGMA foreign_keys = ON;",
].join("\n");

/** The parts of a better-sqlite3 connection the run store's direct SQL path uses. */
export type SqliteConnection = Pick<BetterSqlite3.Database, "prepare" | "transaction" | "inTransaction" | "open">;

function isSqliteConnection(value: unknown): value is SqliteConnection {
  return typeof value === "object" && value !== null && "prepare" in value && "inTransaction" in value && "open" in value;
}

/**
 * The SQLite adapter factory with our pragmas applied on every connection it opens. It keeps
 * the connection it opened last, so that the hottest writes (lib/server/run-store) can use
 * prepared statements on that same connection instead of going through Prisma's query engine.
 */
export class SqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;
  #connection: SqliteConnection | undefined;

  constructor(file: string) {
    this.#inner = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    // The stock adapter keeps its better-sqlite3 Database as a public `client` field.
    const client: unknown = Reflect.get(adapter, "client");
    this.#connection = isSqliteConnection(client) ? client : undefined;
    return adapter;
  }

  /** The open connection Prisma talks through, if it has connected. */
  get connection(): SqliteConnection | undefined {
    return this.#connection?.open ? this.#connection : undefined;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return scriptTolerant(await this.#inner.connectToShadowDb());
  }
}

/**
 * To diff against the migration history, the schema engine replays each migration file on a
 * scratch (shadow) database with one parameterless `executeRaw`, but the SQLite adapter runs
 * a single statement per `executeRaw`. Parameterless commands there go through
 * `executeScript`, which runs any number of statements; the shadow database has no rows, so
 * the affected-row count is 0 either way.
 */
function scriptTolerant(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "executeRaw") {
        return async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
          if (query.args.length > 0) return target.executeRaw(query);
          await target.executeScript(query.sql);
          return 0;
        };
      }
      // The adapter keeps private fields: its methods must run on the adapter itself.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The Prisma driver adapter factory for a database URL. */
export function createAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgres") return new PrismaPg({ connectionString: url });
  return new SqliteAdapterFactory(sqliteFilePath(url));
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface QueryResultLike {
  fields?: { dataTypeID: number }[];
}

/**
 * The schema engine reads PostgreSQL's catalog, whose one-byte `"char"` columns (relkind,
 * contype, ...) the pg driver adapter refuses as an unsupported type. pg already returns them
 * as strings, so reporting them as text is exact. Only the migration engine uses this client.
 */
class CatalogFriendlyClient extends pg.Client {}
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with apply() below
const baseQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
function relabelCharColumns(result: unknown): unknown {
  for (const field of (result as QueryResultLike).fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}
Object.defineProperty(CatalogFriendlyClient.prototype, "query", {
  value: function query(this: pg.Client, ...args: unknown[]): unknown {
    // pg.Pool#query calls Client#query with a callback; direct callers get a promise.
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        (callback as (e: unknown, r: unknown) => void)(error, error ? result : relabelCharColumns(result));
    }
    const out = baseQuery.apply(this, args);
    return out instanceof Promise ? out.then(relabelCharColumns) : out;
  },
});

/** `url` pointed at another database of the same server. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function runOnServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL for the schema engine. Its shadow database (a scratch database on which the
 * engine replays the migration history to diff it) is created here under a unique name and
 * dropped when the engine lets go of it. The stock adapter's shadow connection keeps the
 * main connection string, which names the main database, and would replay there.
 */
class PostgresMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  readonly #url: string;
  readonly #inner: PrismaPg;

  constructor(url: string) {
    this.#url = url;
    this.#inner = new PrismaPg({ connectionString: url, Client: CatalogFriendlyClient });
    this.adapterName = this.#inner.adapterName;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.#inner.connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `switchyard_shadow_${randomUUID().replaceAll("-", "")}`;
    await runOnServer(this.#url, `CREATE DATABASE "${name}"`);
    try {
      const shadow = await new PrismaPg({ connectionString: withDatabaseName(this.#url, name), Client: CatalogFriendlyClient }).connect();
      return withDispose(shadow, () => runOnServer(this.#url, `DROP DATABASE IF EXISTS "${name}"`));
    } catch (error) {
      await runOnServer(this.#url, `DROP DATABASE IF EXISTS "${name}"`).catch(() => undefined);
      throw error;
    }
  }
}

/** The adapter, running `after` once it has been disposed. */
function withDispose(adapter: SqlDriverAdapter, after: () => Promise<void>): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "dispose") {
        return async () => {
          await target.dispose();
          await after();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The adapter factory the schema engine (migrations) uses for a database URL. */
export function createMigrationAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgres") return new PostgresMigrationAdapterFactory(url);
  return new SqliteAdapterFactory(sqliteFilePath(url));
}
