/**
 * Real, migrated, throw-away databases for tests.
 *
 *   const { db, url, drop } = await withSqliteDb();     // a fresh SQLite file
 *   const { db, url, drop } = await withPostgresDb();   // a fresh, uniquely named PostgreSQL database
 *   ...
 *   await drop();                                       // disconnects and deletes it
 *
 * Both are migrated with the project's migrations (prisma/<provider>/migrations), so the schema
 * is exactly what the app runs on. For PostgreSQL tests, decide up front whether to run them:
 *
 *   describe.skipIf(await skipPostgres())("… on PostgreSQL", () => { … });
 *
 * `skipPostgres()` prints why it skips when the server is unreachable, and throws instead
 * when CI is set, so CI always runs them. `testProviders()` gives the providers to run a
 * suite on (`describe.each(await testProviders())`) with the same rule.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDb, type Db } from "@/lib/server/db/client";
import { applyPendingMigrations } from "@/lib/server/db/migrations";
import type { Provider } from "@/lib/server/db/schema-files";

export interface TestDatabase {
  db: Db;
  url: string;
  provider: Provider;
  /** Disconnects the client and deletes the database. Safe to call twice. */
  drop: () => Promise<void>;
}

/** The project's prisma folder, wherever the tests are started from. */
export const PRISMA_DIR = fileURLToPath(new URL("../../prisma", import.meta.url));

/** Admin connection used to create and drop test databases. */
export const POSTGRES_ADMIN_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A name no other test run on this machine will pick: `switchyard_test_<pid>_<random>`. */
export function uniqueDatabaseName(prefix = "switchyard_test"): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

/** `POSTGRES_ADMIN_URL` pointed at another database of the same server. */
export function postgresUrlFor(database: string, adminUrl = POSTGRES_ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers (checked once per process, 3 s timeout). */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** True when PostgreSQL tests must be skipped (with a message); throws when CI is set and it is unreachable. */
export async function skipPostgres(): Promise<boolean> {
  if (await postgresReachable()) return false;
  const message = `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} is unreachable`;
  if (process.env.CI) throw new Error(`${message}; CI must run the PostgreSQL tests`);
  process.stderr.write(`${message}: skipping the PostgreSQL tests\n`);
  return true;
}

/** The providers to run database tests on: SQLite always, PostgreSQL when reachable (required on CI). */
export async function testProviders(): Promise<Provider[]> {
  return (await skipPostgres()) ? ["sqlite"] : ["sqlite", "postgres"];
}

/** A fresh migrated database of the given provider. */
export function withTestDb(provider: Provider): Promise<TestDatabase> {
  return provider === "postgres" ? withPostgresDb() : withSqliteDb();
}

// Migrating costs the schema engine's start-up; a process migrates one SQLite file once and
// copies it for every further test database.
let sqliteTemplate: Promise<string> | undefined;
const tempDirs: string[] = [];
process.once("exit", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function makeTempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-test-"));
  tempDirs.push(dir);
  return dir;
}

function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const file = path.join(makeTempDir(), "template.db");
    await applyPendingMigrations(`file:${file}`, { prismaDir: PRISMA_DIR });
    if (existsSync(`${file}-wal`)) throw new Error("the migrated template still has a WAL file");
    return file;
  })();
  return sqliteTemplate;
}

/** A fresh migrated SQLite file in a temporary folder. */
export async function withSqliteDb(): Promise<TestDatabase> {
  const template = await migratedSqliteTemplate();
  const dir = makeTempDir();
  const file = path.join(dir, "test.db");
  copyFileSync(template, file);
  const url = `file:${file}`;
  const db = createDb(url);
  let dropped = false;
  return {
    db,
    url,
    provider: "sqlite",
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on the admin connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let swept: Promise<void> | undefined;

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Drops test databases left behind by test processes of this machine that died before their
 * `drop()` (a killed run, a crash). Only on a loopback server, where the pid in the name is a
 * process of this machine, and only databases nobody is connected to.
 */
function sweepAbandonedDatabases(): Promise<void> {
  swept ??= (async () => {
    const host = new URL(POSTGRES_ADMIN_URL).hostname;
    if (!["127.0.0.1", "localhost", "[::1]", ""].includes(host)) return;
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database d
         WHERE datname LIKE $1
           AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
        [String.raw`switchyard\_test\_%`],
      );
      for (const { datname } of rows) {
        const pid = Number(/^switchyard_test_(\d+)_/.exec(datname)?.[1]);
        if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
        await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
      }
    } finally {
      await client.end();
    }
  })().catch(() => undefined);
  return swept;
}

/** Creates an empty, uniquely named PostgreSQL database; returns its URL and a drop function. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  await sweepAbandonedDatabases();
  const name = uniqueDatabaseName();
  await adminQuery(`CREATE DATABASE "${name}"`);
  let dropped = false;
  return {
    url: postgresUrlFor(name),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** A fresh, uniquely named, migrated PostgreSQL database. */
export async function withPostgresDb(): Promise<TestDatabase> {
  const empty = await createEmptyPostgresDatabase();
  try {
    await applyPendingMigrations(empty.url, { prismaDir: PRISMA_DIR });
  } catch (error) {
    await empty.drop();
    throw error;
  }
  const db = createDb(empty.url);
  let dropped = false;
  return {
    db,
    url: empty.url,
    provider: "postgres",
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.$disconnect();
      await empty.drop();
    },
  };
}
