import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db/client";
import { directSqliteOf, isConstraintError } from "@/lib/server/db/direct-sqlite";
import { orderedId } from "@/lib/server/db/ordered-id";
import { withTestDb, type TestDatabase } from "./test-database";

describe("direct SQLite statements on Prisma's connection", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await withTestDb("sqlite");
    db = database.db;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const insertCache = (key: string) =>
    directSqliteOf(db)!.run(
      `INSERT INTO "CacheEntry" ("key", "output", "storedAt", "expiresAt") VALUES (?, ?, ?, ?)`,
      key,
      "1",
      "2026-01-01T00:00:00.000+00:00",
      "2099-01-01T00:00:00.000+00:00",
    );

  it("exists for a SQLite client from createDb, not for another adapter or PostgreSQL", () => {
    expect(directSqliteOf(db)).toBeDefined();
    expect(directSqliteOf(createDb("postgresql://nobody@127.0.0.1:1/none"))).toBeUndefined();
  });

  it("commits the writes of one event-loop turn together; a failing one rolls back alone", async () => {
    const direct = directSqliteOf(db)!;
    const before = direct.commits;
    const results = await Promise.allSettled([insertCache("g1"), insertCache("g2"), insertCache("g1"), insertCache("g3")]);
    expect(direct.commits).toBe(before + 1);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(isConstraintError((results[2] as PromiseRejectedResult).reason)).toBe(true);
    const keys = await db.cacheEntry.findMany({ where: { key: { in: ["g1", "g2", "g3"] } }, select: { key: true } });
    expect(keys.map((k) => k.key).sort()).toEqual(["g1", "g2", "g3"]);
  });

  it("waits for a Prisma transaction open on the connection instead of writing inside it", async () => {
    let inserted: Promise<number> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.cacheEntry.create({
          data: { key: "tx1", output: 1, storedAt: new Date(0), expiresAt: new Date(4_000_000_000_000) },
        });
        inserted = insertCache("direct-during-tx");
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await inserted;
    // Prisma's rollback took only its own row; the direct write came after it and stayed.
    expect(await db.cacheEntry.findUnique({ where: { key: "tx1" } })).toBeNull();
    expect(await db.cacheEntry.findUnique({ where: { key: "direct-during-tx" } })).not.toBeNull();
  });
});

describe("ordered ids", () => {
  it("sort by creation time and differ within one millisecond", () => {
    const a = orderedId("run_", 1_000);
    const b = orderedId("run_", 1_001);
    const c = orderedId("run_", 1_001);
    expect(a < b && a < c).toBe(true);
    expect(b).not.toBe(c);
    expect(b).toMatch(/^run_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
  });
});
