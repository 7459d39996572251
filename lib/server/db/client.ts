import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createAdapterFactory, SqliteAdapterFactory, type SqliteConnection } from "./adapters";
import { databaseUrlFromEnv, ensureDatabaseDirectory, providerOf } from "./database-url";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import type { Provider } from "./schema-files";

/**
 * The Prisma client of the configured database. Both generated clients come from one schema
 * source and have the same models and fields, so the SQLite client's type stands for both.
 */
export type Db = SqliteClient;

export interface CreateDbOptions {
  /** The driver adapter factory to use instead of the default for the URL (e.g. one that observes queries). */
  adapter?: SqlDriverAdapterFactory;
}

/** A new client for `url` (SQLite `file:` or PostgreSQL `postgres…`). Callers own it: `$disconnect()` it. */
export function createDb(url: string = databaseUrlFromEnv(), options: CreateDbOptions = {}): Db {
  const adapter = options.adapter ?? createAdapterFactory(url);
  const provider = providerOf(url);
  let db: Db;
  if (provider === "postgres") {
    // Same models and fields (proved by tests/db/schema-parity.test.ts); only provider-specific
    // query options (e.g. case-insensitive `mode`) differ, and callers stay within the common set.
    db = new PostgresClient({ adapter }) as unknown as Db;
  } else {
    ensureDatabaseDirectory(url);
    db = new SqliteClient({ adapter });
  }
  providers.set(db, provider);
  if (adapter instanceof SqliteAdapterFactory) sqliteFactories.set(db, adapter);
  return db;
}

const providers = new WeakMap<Db, Provider>();
const sqliteFactories = new WeakMap<Db, SqliteAdapterFactory>();

/**
 * For a SQLite client made by `createDb` with the default adapter: a function giving the
 * better-sqlite3 connection under it (connecting the client first when needed). Undefined for
 * PostgreSQL or a client with another adapter. Whoever writes through the connection must not
 * interleave with a Prisma transaction that is open on it.
 */
export function sqliteConnector(db: Db): (() => Promise<SqliteConnection>) | undefined {
  const factory = sqliteFactories.get(db);
  if (!factory) return undefined;
  return async () => {
    if (!factory.connection) await db.$connect();
    const connection = factory.connection;
    if (!connection) throw new Error("The SQLite connection is not open");
    return connection;
  };
}

/** The provider a client made by `createDb`/`getDb` talks to, for the few places that write SQL. */
export function providerOfDb(db: Db): Provider {
  const provider = providers.get(db);
  if (!provider) throw new Error("This Prisma client was not made by createDb(); its provider is unknown");
  return provider;
}

// Kept on globalThis so that Next.js dev reloads reuse one client instead of opening more.
const holder = globalThis as typeof globalThis & { __switchyardDb?: { url: string; db: Db } };

/** The process-wide client for DATABASE_URL (default: the SQLite file ./data/switchyard.db). */
export function getDb(): Db {
  const url = databaseUrlFromEnv();
  if (holder.__switchyardDb?.url !== url) {
    const previous = holder.__switchyardDb?.db;
    holder.__switchyardDb = { url, db: createDb(url) };
    void previous?.$disconnect();
  }
  return holder.__switchyardDb.db;
}

/** Closes the process-wide client (at shutdown, or between tests). */
export async function closeDb(): Promise<void> {
  const current = holder.__switchyardDb;
  holder.__switchyardDb = undefined;
  await current?.db.$disconnect();
}
