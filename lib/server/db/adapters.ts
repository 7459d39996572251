import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
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

/** The SQLite adapter factory with our pragmas applied on every connection it opens. */
class SqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(file: string) {
    this.#inner = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
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

/** The adapter factory the schema engine (migrations) uses for a database URL. */
export function createMigrationAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgres") return new PrismaPg({ connectionString: url, Client: CatalogFriendlyClient });
  return new SqliteAdapterFactory(sqliteFilePath(url));
}
