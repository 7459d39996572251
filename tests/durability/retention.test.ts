import { statSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { sqliteFilePath } from "@/lib/server/db/database-url";
import { pruneExpiredRuns, reclaimSqliteSpace } from "@/lib/server/retention/prune-runs";
import { createUser } from "@/tests/app/support/test-app";
import { testProviders, withSqliteDb, withTestDb, type TestDatabase } from "@/tests/db/test-database";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
let n = 0;

/** A run with a step, two events and an artifact, finished `ageDays` ago (or still in `state`). */
async function seedRun(db: Db, workspaceId: string, opts: { ageDays: number; state?: string; eventBytes?: number }): Promise<string> {
  const id = `run_retention_${++n}_${Math.random().toString(36).slice(2, 8)}`;
  const at = new Date(NOW - opts.ageDays * DAY);
  const state = opts.state ?? "completed";
  const final = ["completed", "failed", "crashed", "cancelled"].includes(state);
  await db.run.create({
    data: {
      id,
      workspaceId,
      document: {},
      state,
      params: {},
      trigger: { kind: "manual" },
      createdAt: at,
      startedAt: at,
      ...(final ? { finishedAt: at } : { heartbeatAt: at }),
      steps: { create: [{ key: "a", nodeId: "a", state: "completed", attempts: [] }] },
      events: {
        create: [
          { seq: 1, at, type: "run.state", data: { state: "running", pad: "x".repeat(opts.eventBytes ?? 0) } },
          { seq: 2, at, type: "run.state", data: { state } },
        ],
      },
      artifacts: { create: [{ id: `${id}_art`, stepKey: "a", kind: "markdown", payload: { body: "hi" }, createdAt: at }] },
    },
  });
  return id;
}

describe.each(await testProviders())("run retention on %s", (provider) => {
  let database: TestDatabase;
  afterAll(async () => database?.drop());

  it("deletes finished runs older than the workspace's retention with their steps, events and artifacts, and nothing else", async () => {
    database = await withTestDb(provider);
    const db = database.db;
    const keeper = await createUser(db);
    const forever = await createUser(db);
    await db.workspace.update({ where: { id: keeper.workspace.id }, data: { runRetentionDays: 7 } });
    await db.workspace.update({ where: { id: forever.workspace.id }, data: { runRetentionDays: 0 } });

    const old = await Promise.all([
      seedRun(db, keeper.workspace.id, { ageDays: 10 }),
      seedRun(db, keeper.workspace.id, { ageDays: 8, state: "failed" }),
      seedRun(db, keeper.workspace.id, { ageDays: 30, state: "cancelled" }),
    ]);
    const recent = await seedRun(db, keeper.workspace.id, { ageDays: 1 });
    const stillRunning = await seedRun(db, keeper.workspace.id, { ageDays: 30, state: "running" });
    const keptForever = await seedRun(db, forever.workspace.id, { ageDays: 400 });

    const result = await pruneExpiredRuns(db, { now: NOW, batchSize: 2 });
    expect(result).toEqual({ deletedRuns: 3, workspaces: 1 });
    const left = (await db.run.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([recent, stillRunning, keptForever].sort());
    expect(await db.stepRun.count({ where: { runId: { in: old } } })).toBe(0);
    expect(await db.runEvent.count({ where: { runId: { in: old } } })).toBe(0);
    expect(await db.artifact.count({ where: { runId: { in: old } } })).toBe(0);
    expect(await db.runEvent.count({ where: { runId: recent } })).toBe(2);
    // Nothing left to prune: a second pass deletes nothing.
    expect((await pruneExpiredRuns(db, { now: NOW })).deletedRuns).toBe(0);
  });
});

describe("giving SQLite's freed space back", () => {
  let database: TestDatabase;
  afterAll(async () => database?.drop());

  it("shrinks the file after a prune: a full VACUUM once (switching on incremental auto-vacuum), then incremental", async () => {
    database = await withSqliteDb();
    const db = database.db;
    const user = await createUser(db);
    await db.workspace.update({ where: { id: user.workspace.id }, data: { runRetentionDays: 1 } });
    const file = sqliteFilePath(database.url);
    const size = () => statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);

    for (let i = 0; i < 40; i++) await seedRun(db, user.workspace.id, { ageDays: 5, eventBytes: 64_000 });
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const full = size();
    expect((await pruneExpiredRuns(db, { now: NOW })).deletedRuns).toBe(40);
    // Below the threshold nothing is done.
    expect(reclaimSqliteSpace(db, { minFreeBytes: 1_000_000_000, databaseUrl: database.url })).toEqual({
      freedBytes: 0,
      how: "none",
    });
    const first = reclaimSqliteSpace(db, { minFreeBytes: 1_000_000, databaseUrl: database.url });
    expect(first.how).toBe("vacuum");
    expect(first.freedBytes).toBeGreaterThan(2_000_000);
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(size()).toBeLessThan(full - 2_000_000);

    for (let i = 0; i < 40; i++) await seedRun(db, user.workspace.id, { ageDays: 5, eventBytes: 64_000 });
    await pruneExpiredRuns(db, { now: NOW });
    const second = reclaimSqliteSpace(db, { minFreeBytes: 1_000_000, databaseUrl: database.url });
    expect(second.how).toBe("incremental");
    expect(second.freedBytes).toBeGreaterThan(2_000_000);
  });
});
