import { readFileSync } from "node:fs";
import pg from "pg";
import { ensureDatabaseDirectory, providerOf } from "./database-url";
import { migrationFolderName, readMigrationList, writeMigration } from "./migration-files";
import { defaultPrismaDir } from "./migration-status";
import { withSchemaEngine } from "./schema-engine";
import { PROVIDERS, migrationsDir, providerSchemaPath, type Provider } from "./schema-files";

export { defaultPrismaDir, pendingMigrations } from "./migration-status";

const NO_FILTER = { externalTables: [], externalEnums: [] };

export interface MigrationOptions {
  prismaDir?: string;
  log?: (message: string) => void;
}

function readProviderSchema(prismaDir: string, provider: Provider): { path: string; content: string } {
  const file = providerSchemaPath(prismaDir, provider);
  return { path: "schema.prisma", content: readFileSync(file, "utf8") };
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations` of the database at `url`,
 * exactly as `prisma migrate deploy` would, and returns the names applied (empty when none).
 */
export async function applyPendingMigrations(url: string, options: MigrationOptions = {}): Promise<string[]> {
  const prismaDir = options.prismaDir ?? defaultPrismaDir();
  const provider = providerOf(url);
  ensureDatabaseDirectory(url);
  const apply = () =>
    withSchemaEngine(url, readProviderSchema(prismaDir, provider), async (engine) => {
      const result = await engine.applyMigrations({
        migrationsList: readMigrationList(migrationsDir(prismaDir, provider), provider),
        filters: NO_FILTER,
      });
      return result.appliedMigrationNames;
    });
  return provider === "postgres" ? withPostgresMigrationLock(url, apply) : apply();
}

// Several app processes may start at once against one PostgreSQL database; one applies, the
// others wait and then find nothing pending. (SQLite is used by one process.)
const MIGRATION_LOCK_KEY = 7_356_202_501;

async function withPostgresMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export interface CreatedMigration {
  provider: Provider;
  folder: string;
}

export interface CreateMigrationOptions extends MigrationOptions {
  name: string;
  /** A PostgreSQL server the engine may create its temporary shadow database on. */
  postgresUrl: string;
  now?: Date;
}

/**
 * Diffs each provider's migrations (replayed on a scratch database: SQLite in memory, a
 * temporary PostgreSQL database the adapter creates and drops) against its schema, and writes
 * a migration folder where they differ. Returns the folders written; empty when nothing changed.
 */
export async function createMigrations(options: CreateMigrationOptions): Promise<CreatedMigration[]> {
  const prismaDir = options.prismaDir ?? defaultPrismaDir();
  const folderName = migrationFolderName(options.name, options.now ?? new Date());
  const scripts: { provider: Provider; script: string }[] = [];
  for (const provider of PROVIDERS) {
    const script = await diffMigrationsToSchema(prismaDir, provider, provider === "postgres" ? options.postgresUrl : "file::memory:");
    if (script !== null) scripts.push({ provider, script });
  }
  // Write only after every diff succeeded, so a failure never leaves one provider ahead.
  return scripts.map(({ provider, script }) => ({
    provider,
    folder: writeMigration(migrationsDir(prismaDir, provider), provider, folderName, script),
  }));
}

/** The SQL that takes the provider's migrations to its schema, or null when there is none. */
export async function diffMigrationsToSchema(prismaDir: string, provider: Provider, url: string): Promise<string | null> {
  const schema = readProviderSchema(prismaDir, provider);
  return withSchemaEngine(url, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrationList(migrationsDir(prismaDir, provider), provider) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    // With exitCode set, the engine answers 2 when the diff is not empty.
    return result.exitCode === 2 && result.stdout ? result.stdout : null;
  });
}
