import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { migrationNames } from "@/lib/server/db/migration-files";
import { applyPendingMigrations, createMigrations, diffMigrationsToSchema, pendingMigrations } from "@/lib/server/db/migrations";
import { migrationsDir, writeProviderSchemas, type Provider } from "@/lib/server/db/schema-files";
import { createEmptyPostgresDatabase, POSTGRES_ADMIN_URL, PRISMA_DIR, skipPostgres } from "./test-database";

const MODEL_TABLES = [
  "User",
  "Account",
  "Session",
  "VerificationToken",
  "Workspace",
  "Membership",
  "Invitation",
  "ApiToken",
  "Flow",
  "FlowVersion",
  "Credential",
  "Variable",
  "Trigger",
  "WebhookDelivery",
  "Run",
  "StepRun",
  "RunEvent",
  "Artifact",
  "CacheEntry",
  "AuditEvent",
];

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number;
}

/** Minimal read access to a database, the same for both providers. */
interface Inspector {
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  migrationRows(): Promise<MigrationRow[]>;
  close(): Promise<void>;
}

function sqliteInspector(file: string): Inspector {
  const db = new Database(file, { readonly: true });
  return {
    tables: () =>
      Promise.resolve((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)),
    columns: (table) => Promise.resolve((db.pragma(`table_info("${table}")`) as { name: string }[]).map((r) => r.name).sort()),
    migrationRows: () => Promise.resolve(db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY migration_name').all() as MigrationRow[]),
    close: () => Promise.resolve(void db.close()),
  };
}

async function postgresInspector(url: string): Promise<Inspector> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    tables: async () =>
      (
        await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
      ).rows.map((r) => r.table_name),
    columns: async (table) =>
      (
        await client.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
          [table],
        )
      ).rows
        .map((r) => r.column_name)
        .sort(),
    migrationRows: async () => (await client.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows,
    close: () => client.end(),
  };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-migrations-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the prisma folder (source schema and migrations) to change freely. */
function prismaCopy(): string {
  const dir = path.join(tempDir(), "prisma");
  cpSync(PRISMA_DIR, dir, { recursive: true });
  return dir;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

interface Target {
  url: string;
  inspect: () => Promise<Inspector>;
  drop: () => Promise<void>;
}

async function freshTarget(provider: Provider): Promise<Target> {
  if (provider === "sqlite") {
    const file = path.join(tempDir(), "nested", "folder", "app.db");
    return { url: `file:${file}`, inspect: () => Promise.resolve(sqliteInspector(file)), drop: () => Promise.resolve() };
  }
  const database = await createEmptyPostgresDatabase();
  return { url: database.url, inspect: () => postgresInspector(database.url), drop: database.drop };
}

const skipPg = await skipPostgres();
const providers: Provider[] = skipPg ? ["sqlite"] : ["sqlite", "postgres"];

describe.each(providers)("migrations on %s", { timeout: 60_000 }, (provider) => {
  const targets: Target[] = [];
  afterEach(async () => {
    for (const target of targets.splice(0)) await target.drop();
  });
  const fresh = async () => {
    const target = await freshTarget(provider);
    targets.push(target);
    return target;
  };
  const folder = migrationsDir(PRISMA_DIR, provider);

  it("apply to a fresh database, record each in _prisma_migrations as Prisma does, and re-apply as a no-op", async () => {
    const all = migrationNames(folder);
    expect(all.length).toBeGreaterThan(0);
    const target = await fresh();
    expect(await pendingMigrations(target.url, { prismaDir: PRISMA_DIR })).toEqual(all);

    expect(await applyPendingMigrations(target.url, { prismaDir: PRISMA_DIR })).toEqual(all);

    const inspector = await target.inspect();
    try {
      expect(await inspector.tables()).toEqual(expect.arrayContaining([...MODEL_TABLES, "_prisma_migrations"]));
      const rows = await inspector.migrationRows();
      expect(rows.map((r) => r.migration_name)).toEqual(all);
      for (const row of rows) {
        // Same checksum as the official CLI computes, so `prisma migrate` accepts this history.
        expect(row.checksum).toBe(sha256(readFileSync(path.join(folder, row.migration_name, "migration.sql"), "utf8")));
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(Number(row.applied_steps_count)).toBe(1);
      }
      expect(await pendingMigrations(target.url, { prismaDir: PRISMA_DIR })).toEqual([]);

      expect(await applyPendingMigrations(target.url, { prismaDir: PRISMA_DIR })).toEqual([]);
      expect((await inspector.migrationRows()).length).toBe(all.length);
    } finally {
      await inspector.close();
    }
  });

  it("apply only the migrations that are new, after the ones already applied", async () => {
    const prismaDir = prismaCopy();
    const target = await fresh();
    await applyPendingMigrations(target.url, { prismaDir });
    const name = "29990101000000_add_note";
    const sql =
      provider === "sqlite" ? 'CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);\n' : 'CREATE TABLE "Note" ("id" TEXT PRIMARY KEY);\n';
    mkdirSync(path.join(migrationsDir(prismaDir, provider), name));
    writeFileSync(path.join(migrationsDir(prismaDir, provider), name, "migration.sql"), sql);

    expect(await pendingMigrations(target.url, { prismaDir })).toEqual([name]);
    expect(await applyPendingMigrations(target.url, { prismaDir })).toEqual([name]);
    const inspector = await target.inspect();
    try {
      expect(await inspector.tables()).toContain("Note");
    } finally {
      await inspector.close();
    }
  });

  it("stop at a failing migration, record it as failed and keep it pending", async () => {
    const prismaDir = prismaCopy();
    const name = "29990101000000_broken";
    mkdirSync(path.join(migrationsDir(prismaDir, provider), name));
    writeFileSync(path.join(migrationsDir(prismaDir, provider), name, "migration.sql"), "CREATE TABLE broken (;\n");
    const target = await fresh();

    await expect(applyPendingMigrations(target.url, { prismaDir })).rejects.toThrow(/broken/);
    expect(await pendingMigrations(target.url, { prismaDir })).toEqual([name]);
    const inspector = await target.inspect();
    try {
      const failed = (await inspector.migrationRows()).find((r) => r.migration_name === name);
      expect(failed?.finished_at).toBeNull();
    } finally {
      await inspector.close();
    }
  });
});

describe("the two providers' migrations", { timeout: 60_000 }, () => {
  it.skipIf(skipPg)("create the same tables with the same columns", async () => {
    const sqlite = await freshTarget("sqlite");
    const postgres = await freshTarget("postgres");
    try {
      await applyPendingMigrations(sqlite.url, { prismaDir: PRISMA_DIR });
      await applyPendingMigrations(postgres.url, { prismaDir: PRISMA_DIR });
      const [a, b] = [await sqlite.inspect(), await postgres.inspect()];
      try {
        const tables = (await a.tables()).filter((t) => t !== "_prisma_migrations").sort();
        expect((await b.tables()).filter((t) => t !== "_prisma_migrations").sort()).toEqual(tables);
        for (const table of tables) expect(await b.columns(table), table).toEqual(await a.columns(table));
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await postgres.drop();
    }
  });
});

describe("creating a migration", { timeout: 120_000 }, () => {
  const addGadget = (prismaDir: string) => {
    appendFileSync(path.join(prismaDir, "schema.source.prisma"), "\nmodel Gadget {\n  id   String @id\n  name String\n}\n");
    writeProviderSchemas(prismaDir);
  };

  it("finds no SQLite change while the schema matches its migrations, and the new model after a change", async () => {
    const prismaDir = prismaCopy();
    writeProviderSchemas(prismaDir);
    expect(await diffMigrationsToSchema(prismaDir, "sqlite", "file::memory:")).toBeNull();
    addGadget(prismaDir);
    expect(await diffMigrationsToSchema(prismaDir, "sqlite", "file::memory:")).toMatch(/CREATE TABLE "Gadget"/);
  });

  it.skipIf(skipPg)("writes one migration per provider for a change, which then applies, and nothing when unchanged", async () => {
    const prismaDir = prismaCopy();
    addGadget(prismaDir);
    const created = await createMigrations({
      name: "Add gadget!",
      prismaDir,
      postgresUrl: POSTGRES_ADMIN_URL,
      now: new Date("2999-01-02T03:04:05Z"),
    });
    expect(created.map((c) => [c.provider, path.basename(c.folder)])).toEqual([
      ["sqlite", "29990102030405_add_gadget"],
      ["postgres", "29990102030405_add_gadget"],
    ]);
    for (const { folder } of created) expect(readFileSync(path.join(folder, "migration.sql"), "utf8")).toMatch(/CREATE TABLE "Gadget"/);

    expect(await createMigrations({ name: "again", prismaDir, postgresUrl: POSTGRES_ADMIN_URL })).toEqual([]);

    for (const provider of ["sqlite", "postgres"] as const) {
      const target = await freshTarget(provider);
      try {
        expect(await applyPendingMigrations(target.url, { prismaDir })).toContain("29990102030405_add_gadget");
        const inspector = await target.inspect();
        expect(await inspector.columns("Gadget")).toEqual(["id", "name"]);
        await inspector.close();
      } finally {
        await target.drop();
      }
    }
  });

  it.skipIf(skipPg)("replays the history on a temporary shadow database, never on the given one, and drops it", async () => {
    const server = await createEmptyPostgresDatabase();
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    const shadows = async () =>
      (await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_database WHERE datname LIKE 'switchyard_shadow_%'")).rows[0]?.n;
    try {
      const before = await shadows();
      const prismaDir = prismaCopy();
      addGadget(prismaDir);
      expect(await diffMigrationsToSchema(prismaDir, "postgres", server.url)).toMatch(/CREATE TABLE "Gadget"/);
      expect(await shadows()).toBe(before);
      const inspector = await postgresInspector(server.url);
      expect(await inspector.tables()).toEqual([]);
      await inspector.close();
    } finally {
      await client.end();
      await server.drop();
    }
  });
});

describe("the migration scripts", { timeout: 120_000 }, () => {
  const root = path.join(PRISMA_DIR, "..");
  const run = (script: string, env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, ["--experimental-wasm-modules", "--import", "tsx", path.join(root, "scripts", "db", script), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });

  it("db:migrate creates the SQLite file and its folder, applies, then reports up to date", () => {
    const file = path.join(tempDir(), "data", "switchyard.db");
    const first = run("migrate.ts", { DATABASE_URL: `file:${file}` });
    expect(first.stderr).not.toMatch(/failed/);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    expect(existsSync(file)).toBe(true);
    const second = run("migrate.ts", { DATABASE_URL: `file:${file}` });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
  });

  it("db:migrate exits non-zero with one line when the database cannot be reached", () => {
    const result = run("migrate.ts", { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Migrating postgresql:\/\/nobody@127\.0\.0\.1:1\/none failed: /);
  });

  it.skipIf(skipPg)("db:migration says so and writes nothing when the schema is unchanged", () => {
    const prismaDir = prismaCopy();
    const result = run("new-migration.ts", { SWITCHYARD_PRISMA_DIR: prismaDir, MIGRATION_POSTGRES_URL: POSTGRES_ADMIN_URL }, ["nothing"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/No schema change/);
    expect(migrationNames(migrationsDir(prismaDir, "sqlite"))).toEqual(migrationNames(migrationsDir(PRISMA_DIR, "sqlite")));
  });
});
