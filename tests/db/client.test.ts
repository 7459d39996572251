import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createDb, getDb } from "@/lib/server/db/client";
import { DEFAULT_DATABASE_URL, databaseUrlFromEnv, providerOf, redactDatabaseUrl } from "@/lib/server/db/database-url";
import { databaseHealth } from "@/lib/server/db/health";
import { migrationNames } from "@/lib/server/db/migration-files";
import { migrationsDir } from "@/lib/server/db/schema-files";
import { PRISMA_DIR, testProviders, withTestDb, withSqliteDb } from "./test-database";

const tmp = mkdtempSync(path.join(os.tmpdir(), "switchyard-client-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("database URLs", () => {
  it("default to the SQLite file under ./data and pick the provider from the scheme", () => {
    expect(databaseUrlFromEnv({})).toBe(DEFAULT_DATABASE_URL);
    expect(databaseUrlFromEnv({ DATABASE_URL: "  " })).toBe("file:./data/switchyard.db");
    expect(providerOf("postgresql://u@h/db")).toBe("postgres");
    expect(providerOf("postgres://u@h/db")).toBe("postgres");
    expect(providerOf("file:./x.db")).toBe("sqlite");
    expect(() => providerOf("mysql://u@h/db")).toThrow(/DATABASE_URL/);
  });

  it("lose their password in messages", () => {
    expect(redactDatabaseUrl("failed for postgresql://app:s3cret@db:5432/x")).toBe("failed for postgresql://app:***@db:5432/x");
  });
});

describe("the SQLite client", () => {
  it("creates the file's folder and sets WAL, NORMAL sync, a busy timeout and foreign keys", async () => {
    const db = createDb(`file:${path.join(tmp, "new", "folder", "a.db")}`);
    try {
      const pragma = async (name: string) => {
        const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
        return Object.values(rows[0] ?? {})[0];
      };
      expect(await pragma("journal_mode")).toBe("wal");
      expect(Number(await pragma("synchronous"))).toBe(1);
      expect(Number(await pragma("busy_timeout"))).toBe(5000);
      expect(Number(await pragma("foreign_keys"))).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it("enforces foreign keys", async () => {
    const { db, drop } = await withSqliteDb();
    try {
      await expect(db.membership.create({ data: { workspaceId: "missing", userId: "missing", role: "owner" } })).rejects.toThrow();
    } finally {
      await drop();
    }
  });
});

describe("getDb", () => {
  it("returns one client per DATABASE_URL and a new one after closeDb", async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${path.join(tmp, "singleton.db")}`;
    try {
      const first = getDb();
      expect(getDb()).toBe(first);
      await closeDb();
      expect(getDb()).not.toBe(first);
    } finally {
      await closeDb();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  });
});

describe.each(await testProviders())("on %s", (provider) => {
  it("round-trips Json columns (objects, arrays, strings, numbers, null inside) and dates to the millisecond", async () => {
    const { db, drop } = await withTestDb(provider);
    try {
      const value = { nested: { list: [1, "two", null, true, { deep: 1.5 }] }, unicode: "héllo ✓", big: 2 ** 40 };
      const workspace = await db.workspace.create({ data: { name: "W", slug: "w" } });
      await db.variable.create({ data: { workspaceId: workspace.id, name: "obj", value } });
      await db.variable.create({ data: { workspaceId: workspace.id, name: "arr", value: [1, 2, 3] } });
      await db.variable.create({ data: { workspaceId: workspace.id, name: "str", value: "just text" } });
      const read = async (name: string) =>
        (await db.variable.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name } } })).value;
      expect(await read("obj")).toEqual(value);
      expect(await read("arr")).toEqual([1, 2, 3]);
      expect(await read("str")).toBe("just text");

      const expires = new Date(1_700_000_000_123);
      const user = await db.user.create({ data: { email: "a@example.com" } });
      await db.session.create({ data: { sessionToken: "t", userId: user.id, expires } });
      expect((await db.session.findUniqueOrThrow({ where: { sessionToken: "t" } })).expires.getTime()).toBe(expires.getTime());
    } finally {
      await drop();
    }
  });

  it("reports health: reachable, provider, and no pending migrations once migrated", async () => {
    const { db, url, drop } = await withTestDb(provider);
    try {
      expect(await databaseHealth({ url, db, prismaDir: PRISMA_DIR })).toEqual({ reachable: true, provider, pendingMigrations: [] });
    } finally {
      await drop();
    }
  });
});

describe("databaseHealth", () => {
  it("lists every migration as pending on an empty database", async () => {
    const url = `file:${path.join(tmp, "empty.db")}`;
    const db = createDb(url);
    try {
      const health = await databaseHealth({ url, db, prismaDir: PRISMA_DIR });
      expect(health.reachable).toBe(true);
      expect(health.pendingMigrations).toEqual(migrationNames(migrationsDir(PRISMA_DIR, "sqlite")));
    } finally {
      await db.$disconnect();
    }
  });

  it("says unreachable, without the password, when the server is down", async () => {
    const url = "postgresql://app:s3cret@127.0.0.1:1/none";
    const db = createDb(url);
    try {
      const health = await databaseHealth({ url, db, prismaDir: PRISMA_DIR });
      expect(health).toMatchObject({ reachable: false, provider: "postgres", pendingMigrations: [] });
      expect(health.error).toBeTruthy();
      expect(health.error).not.toContain("s3cret");
    } finally {
      await db.$disconnect();
    }
  });
});
