import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "./database-url";
import { migrationNames } from "./migration-files";
import { migrationsDir } from "./schema-files";

/** Where schemas and migrations live: `./prisma` of the working directory unless given. */
export const defaultPrismaDir = (): string => path.resolve(process.cwd(), "prisma");

/**
 * Migrations of the folder that the database has not applied (finished and not rolled back),
 * oldest first. Reads `_prisma_migrations` with plain SQL, so it needs no schema engine and is
 * cheap enough for a health check. A database that does not exist yet has every one pending.
 */
export async function pendingMigrations(url: string, options: { prismaDir?: string } = {}): Promise<string[]> {
  const prismaDir = options.prismaDir ?? defaultPrismaDir();
  const provider = providerOf(url);
  const all = migrationNames(migrationsDir(prismaDir, provider));
  const applied = new Set(provider === "postgres" ? await appliedOnPostgres(url) : appliedOnSqlite(url));
  return all.filter((name) => !applied.has(name));
}

const APPLIED_SQL = 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

function appliedOnSqlite(url: string): string[] {
  const file = sqliteFilePath(url);
  if (file !== ":memory:" && !existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return [];
    return (db.prepare(APPLIED_SQL).all() as { migration_name: string }[]).map((row) => row.migration_name);
  } finally {
    db.close();
  }
}

async function appliedOnPostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query<{ present: boolean }>("SELECT to_regclass('\"_prisma_migrations\"') IS NOT NULL AS present");
    if (!exists.rows[0]?.present) return [];
    const rows = await client.query<{ migration_name: string }>(APPLIED_SQL);
    return rows.rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}
