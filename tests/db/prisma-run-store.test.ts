import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { ArtifactRecord, RunEvent, RunRecord, StepRecord } from "@/lib/engine/run-store";
import { createDb, type Db } from "@/lib/server/db/client";
import { createPrismaBackend } from "@/lib/server/run-store/prisma-backend";
import { defaultBackend, PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";
import { countingAdapterFactory } from "./counting-adapter";
import type { Provider } from "@/lib/server/db/schema-files";
import { testProviders, withTestDb, type TestDatabase } from "./test-database";

const document: FlowDocument = {
  schema: "switchyard.flow/v1",
  name: "Store test",
  nodes: [{ id: "a", type: "core.set", typeVersion: 1, position: { x: 0, y: 0 }, config: { x: "{{ params.x }}" } }],
  edges: [],
  settings: { timeoutSeconds: 60 },
};

let seq = 0;
const newRunId = () => `run_${Date.now().toString(36)}_${(seq++).toString(36)}`;

function minimalRun(id: string): RunRecord {
  return {
    id,
    document,
    state: "pending",
    params: {},
    trigger: { kind: "manual" },
    dryRun: false,
    attempt: 1,
    createdAt: 1_700_000_000_001,
  };
}

function fullRun(id: string, parentRunId: string): RunRecord {
  return {
    id,
    flowVersion: 3,
    document,
    state: "running",
    params: { x: 1, nested: { list: [1, "two", null] } },
    trigger: { kind: "webhook", id: "trg_1" },
    dryRun: true,
    parentRunId,
    attempt: 2,
    createdAt: 1_700_000_000_123,
    startedAt: 1_700_000_000_456,
    finishedAt: 1_700_000_001_789,
    heartbeatAt: 1_700_000_001_000,
    owner: "worker-1",
    error: { name: "TimeoutError", message: "took too long", category: "timeout", details: { ms: 30_000 } },
    output: { ok: true, items: [1, 2, 3] },
  };
}

function fullStep(runId: string, key: string): StepRecord {
  return {
    runId,
    key,
    nodeId: "a",
    mapIndex: 4,
    state: "failed",
    input: { item: { email: "a@example.com" } },
    output: [{ id: 1 }],
    ports: { out: { id: 1 }, error: null },
    error: { name: "RateLimitedError", message: "slow down", category: "rate_limited", details: { retryAfterMs: 2000 } },
    attempts: [
      { attempt: 1, startedAt: 1_700_000_000_000, finishedAt: 1_700_000_000_100, error: { name: "E", message: "m", category: "network" } },
      { attempt: 2, startedAt: 1_700_000_000_200, finishedAt: 1_700_000_000_300 },
    ],
    startedAt: 1_700_000_000_000,
    finishedAt: 1_700_000_000_300,
    cacheKey: "sha256:abc",
  };
}

const event = (runId: string, n: number, extra: Partial<RunEvent> = {}): RunEvent => ({
  runId,
  seq: n,
  at: 1_700_000_000_000 + n,
  type: n % 2 ? "step.started" : "step.completed",
  stepKey: `s${n}`,
  data: { n, text: `event ${n}` },
  ...extra,
});

/** Every database, and on SQLite both backends: the direct statements (the default) and Prisma. */
interface StoreCase {
  provider: Provider;
  backend: "direct" | "prisma";
}
const cases: StoreCase[] = (await testProviders()).flatMap((provider): StoreCase[] =>
  provider === "sqlite"
    ? [
        { provider, backend: "direct" },
        { provider, backend: "prisma" },
      ]
    : [{ provider, backend: "prisma" }],
);

describe.each(cases)("PrismaRunStore on $provider ($backend)", ({ provider, backend }) => {
  let database: TestDatabase;
  let store: PrismaRunStore;
  /** A second client on the same database: what another process would read. */
  let other: Db;
  const backendOf = (db: Db) => (backend === "prisma" ? { backend: createPrismaBackend(db) } : {});

  beforeAll(async () => {
    database = await withTestDb(provider);
    // A long interval and a high threshold: only explicit flushes (and reads) write here.
    store = new PrismaRunStore(database.db, { flushIntervalMs: 60_000, maxBufferedWrites: 10_000, ...backendOf(database.db) });
    other = createDb(database.url);
  });

  it("uses the backend it is meant to", () => {
    expect(defaultBackend(database.db).kind).toBe(provider === "sqlite" ? "sqlite-direct" : "prisma");
    expect(defaultBackend(createDb(database.url, { adapter: countingAdapterFactory(database.url).factory })).kind).toBe("prisma");
  });

  it("writes rows that the other backend reads back exactly, and reads the rows it writes", async () => {
    const otherBackend = provider === "sqlite" && backend === "direct" ? createPrismaBackend(other) : undefined;
    const reader = new PrismaRunStore(other, { flushIntervalMs: 60_000, ...(otherBackend ? { backend: otherBackend } : {}) });
    const parent = minimalRun(newRunId());
    const run = { ...fullRun(newRunId(), parent.id), output: null };
    await store.createRun(parent);
    await store.createRun(run);
    await store.saveStep(fullStep(run.id, "a"));
    await store.saveStep({ runId: run.id, key: "b", nodeId: "a", state: "completed", input: null, output: null, attempts: [] });
    await store.appendEvents([event(run.id, 1), event(run.id, 2, { stepKey: undefined, data: undefined })]);
    await store.putCache({ key: `k-${run.id}`, output: null, ports: { out: [1] }, storedAt: 10, expiresAt: 4_000_000_000_000 });
    await store.flush();
    expect(await reader.getRun(run.id)).toStrictEqual(run);
    expect(await reader.listSteps(run.id)).toStrictEqual(await store.listSteps(run.id));
    expect((await reader.listSteps(run.id))[1]).toMatchObject({ input: null, output: null });
    expect(await reader.listEvents(run.id, 0)).toStrictEqual(await store.listEvents(run.id, 0));
    expect(await reader.getCache(`k-${run.id}`, 20)).toStrictEqual(await store.getCache(`k-${run.id}`, 20));
    // And the other way round.
    const written = minimalRun(newRunId());
    await reader.createRun(written);
    await reader.updateRun(written.id, { state: "completed", finishedAt: 1_700_000_000_999, output: { done: true } });
    await reader.flush();
    expect(await store.getRun(written.id)).toStrictEqual({
      ...written,
      state: "completed",
      finishedAt: 1_700_000_000_999,
      output: { done: true },
    });
    await reader.close();
  });
  afterAll(async () => {
    await store?.close();
    await other?.$disconnect();
    await database?.drop();
  });

  describe("runs", () => {
    it("round-trip every field, and leave absent optional fields absent", async () => {
      const parent = minimalRun(newRunId());
      const run = fullRun(newRunId(), parent.id);
      await store.createRun(parent);
      await store.createRun(run);
      expect(await store.getRun(run.id)).toStrictEqual(run);
      expect(await store.getRun(parent.id)).toStrictEqual(parent);
      expect(await store.getRun("missing")).toBeNull();
    });

    it("refuse a second run with the same id", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      await expect(store.createRun(run)).rejects.toThrow(/already exists/);
    });

    it("apply patches in order, clear a field patched with undefined, and keep a JSON null output", async () => {
      const run = { ...minimalRun(newRunId()), error: { name: "E", message: "m", category: "unknown" }, owner: "w1" };
      await store.createRun(run);
      await store.updateRun(run.id, { state: "running", startedAt: 1_700_000_000_500, heartbeatAt: 1 });
      await store.updateRun(run.id, { heartbeatAt: 2, owner: undefined, error: undefined });
      await store.updateRun(run.id, { state: "completed", finishedAt: 1_700_000_000_900, output: null, attempt: 3 });
      const { owner: _o, error: _e, ...rest } = run;
      expect(await store.getRun(run.id)).toStrictEqual({
        ...rest,
        state: "completed",
        startedAt: 1_700_000_000_500,
        heartbeatAt: 2,
        finishedAt: 1_700_000_000_900,
        output: null,
        attempt: 3,
      });
    });

    it("reject a patch of a run that does not exist", async () => {
      await expect(store.updateRun("no-such-run", { state: "cancelled" })).rejects.toThrow(/not found/);
    });

    it("accept a patch from a store that has not seen the run (another process) at once", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      const elsewhere = new PrismaRunStore(other, { flushIntervalMs: 60_000, ...backendOf(other) });
      await elsewhere.updateRun(run.id, { state: "cancelled" });
      expect(elsewhere.stats().directWrites).toBe(1);
      expect((await other.run.findUniqueOrThrow({ where: { id: run.id } })).state).toBe("cancelled");
    });
  });

  describe("steps", () => {
    it("round-trip every field, tell JSON null from absent, and upsert by (run, key)", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      const full = fullStep(run.id, "a[4]");
      const bare: StepRecord = { runId: run.id, key: "b", nodeId: "b", state: "pending", attempts: [] };
      const nulls: StepRecord = { runId: run.id, key: "c", nodeId: "c", state: "completed", attempts: [], input: null, output: null };
      await store.saveStep({ ...full, state: "running", output: undefined, error: undefined });
      await store.saveStep(bare);
      await store.saveStep(nulls);
      await store.saveStep(full);
      expect(await store.listSteps(run.id)).toStrictEqual([full, bare, nulls]);

      const done: StepRecord = { ...bare, state: "completed", output: "replaced", startedAt: 10, finishedAt: 20 };
      await store.saveStep(done);
      await store.flush();
      const steps = await store.listSteps(run.id);
      expect(steps).toHaveLength(3);
      expect(steps.find((s) => s.key === "b")).toStrictEqual(done);
      expect(await other.stepRun.count({ where: { runId: run.id } })).toBe(3);
    });

    it("keep each run's steps apart", async () => {
      const [r1, r2] = [minimalRun(newRunId()), minimalRun(newRunId())];
      await store.createRun(r1);
      await store.createRun(r2);
      await store.saveStep({ runId: r1.id, key: "x", nodeId: "x", state: "completed", attempts: [] });
      await store.saveStep({ runId: r2.id, key: "x", nodeId: "x", state: "failed", attempts: [] });
      expect((await store.listSteps(r1.id)).map((s) => s.state)).toEqual(["completed"]);
      expect((await store.listSteps(r2.id)).map((s) => s.state)).toEqual(["failed"]);
    });
  });

  describe("events", () => {
    it("round-trip, in seq order, after a cursor and up to a limit", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      const events = Array.from({ length: 10 }, (_, i) => event(run.id, i + 1));
      await store.appendEvents(events.slice(0, 4));
      await store.appendEvents([{ runId: run.id, seq: 5, at: 5, type: "run.log" }]);
      await store.appendEvents(events.slice(5));
      const all = await store.listEvents(run.id, 0);
      expect(all).toHaveLength(10);
      expect(all[4]).toStrictEqual({ runId: run.id, seq: 5, at: 5, type: "run.log" });
      expect(all.slice(0, 4)).toStrictEqual(events.slice(0, 4));
      expect((await store.listEvents(run.id, 6)).map((e) => e.seq)).toEqual([7, 8, 9, 10]);
      expect((await store.listEvents(run.id, 2, 3)).map((e) => e.seq)).toEqual([3, 4, 5]);
      expect(await store.listEvents(run.id, 10)).toEqual([]);
    });

    it("store a flush larger than one statement holds", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      await store.appendEvents(Array.from({ length: 450 }, (_, i) => event(run.id, i + 1)));
      for (let i = 0; i < 250; i++) await store.saveStep({ runId: run.id, key: `k${i}`, nodeId: "k", state: "completed", attempts: [] });
      await store.flush();
      expect(await other.runEvent.count({ where: { runId: run.id } })).toBe(450);
      expect((await store.listEvents(run.id, 440)).map((e) => e.seq)).toEqual([441, 442, 443, 444, 445, 446, 447, 448, 449, 450]);
      expect((await store.listSteps(run.id)).map((s) => s.key).slice(0, 3)).toEqual(["k0", "k1", "k2"]);
      expect(await other.stepRun.count({ where: { runId: run.id } })).toBe(250);
    });
  });

  describe("writes from a store that has not seen the run", () => {
    it("go straight to the database: steps, events and artifacts", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      const elsewhere = new PrismaRunStore(other, { flushIntervalMs: 60_000, maxBufferedWrites: 10_000, ...backendOf(other) });
      await elsewhere.saveStep(fullStep(run.id, "x"));
      await elsewhere.appendEvents([event(run.id, 1), event(run.id, 2)]);
      await elsewhere.saveArtifact({
        id: `${run.id}-x`,
        runId: run.id,
        stepKey: "x",
        createdAt: 1,
        artifact: { kind: "markdown", body: "b" },
      });
      expect(elsewhere.stats()).toMatchObject({ directWrites: 3, transactions: 0 });
      expect(await store.listSteps(run.id)).toStrictEqual([fullStep(run.id, "x")]);
      expect(await store.listEvents(run.id, 0)).toHaveLength(2);
      expect(await store.listArtifacts(run.id)).toHaveLength(1);
      await expect(elsewhere.saveStep({ ...fullStep("no-such-run", "x") })).rejects.toThrow();
    });
  });

  describe("artifacts", () => {
    it("round-trip every kind, in creation order", async () => {
      const run = minimalRun(newRunId());
      await store.createRun(run);
      const artifacts: ArtifactRecord[] = [
        { id: `${run.id}-1`, runId: run.id, stepKey: "a", createdAt: 3, artifact: { kind: "markdown", title: "Report", body: "# Hi" } },
        {
          id: `${run.id}-2`,
          runId: run.id,
          stepKey: "a[1]",
          createdAt: 4,
          artifact: {
            kind: "table",
            columns: ["a", "b"],
            rows: [
              [1, "x"],
              [null, true],
            ],
          },
        },
        {
          id: `${run.id}-3`,
          runId: run.id,
          stepKey: "b",
          createdAt: 5,
          artifact: { kind: "link", url: "https://example.com", label: "Open" },
        },
      ];
      for (const a of artifacts) await store.saveArtifact(a);
      expect(await store.listArtifacts(run.id)).toStrictEqual(artifacts);
    });
  });

  describe("cache", () => {
    it("returns an entry until it expires, then nothing, and deletes it", async () => {
      const key = `k-${newRunId()}`;
      const entry = { key, output: { rows: [1, 2] }, ports: { out: 1 }, storedAt: 1000, expiresAt: 2000 };
      await store.putCache(entry);
      expect(await store.getCache(key, 1999)).toStrictEqual(entry);
      expect(await store.getCache(key, 2000)).toBeNull();
      expect(await other.cacheEntry.count({ where: { key } })).toBe(0);
      expect(await store.getCache(key, 1500)).toBeNull();
    });

    it("replaces an entry stored again under the same key", async () => {
      const key = `k-${newRunId()}`;
      await store.putCache({ key, output: "old", storedAt: 1, expiresAt: 10 });
      await store.putCache({ key, output: "new", storedAt: 5, expiresAt: 50 });
      expect(await store.getCache(key, 20)).toStrictEqual({ key, output: "new", storedAt: 5, expiresAt: 50 });
    });

    it("prunes every expired entry", async () => {
      const prefix = `p-${newRunId()}`;
      await store.putCache({ key: `${prefix}-old`, output: 1, storedAt: 1, expiresAt: 100 });
      await store.putCache({ key: `${prefix}-new`, output: 2, storedAt: 1, expiresAt: 10_000_000_000_000 });
      expect(await store.pruneExpiredCache(5_000)).toBeGreaterThanOrEqual(1);
      expect(await store.getCache(`${prefix}-new`, 6_000)).not.toBeNull();
      expect(await other.cacheEntry.count({ where: { key: `${prefix}-old` } })).toBe(0);
    });
  });

  describe("batching", () => {
    it("buffers writes until flush, then stores them in one transaction, visible to another client", async () => {
      const { factory, counts, reset } = countingAdapterFactory(database.url);
      const db = createDb(database.url, { adapter: factory });
      const batched = new PrismaRunStore(db, { flushIntervalMs: 60_000, maxBufferedWrites: 10_000 });
      try {
        const run = minimalRun(newRunId());
        await batched.createRun(run);
        reset();
        await batched.updateRun(run.id, { state: "running", startedAt: 1 });
        for (let i = 0; i < 100; i++) {
          await batched.saveStep({ runId: run.id, key: `n${i}`, nodeId: `n${i}`, state: "running", attempts: [] });
          await batched.appendEvents([event(run.id, 2 * i + 1)]);
          await batched.saveStep({ runId: run.id, key: `n${i}`, nodeId: `n${i}`, state: "completed", output: { i }, attempts: [] });
          await batched.appendEvents([event(run.id, 2 * i + 2)]);
        }
        await batched.saveArtifact({
          id: `${run.id}-a`,
          runId: run.id,
          stepKey: "n0",
          createdAt: 1,
          artifact: { kind: "markdown", body: "x" },
        });
        await batched.updateRun(run.id, { state: "completed", finishedAt: 2 });

        // Nothing has reached the database yet.
        expect(counts).toEqual({ transactions: 0, statementsInTransactions: 0, statementsOutsideTransactions: 0 });
        expect(await other.stepRun.count({ where: { runId: run.id } })).toBe(0);

        await batched.flush();
        expect(counts.transactions).toBe(1);
        expect(counts.statementsOutsideTransactions).toBe(0);
        expect(batched.stats()).toMatchObject({ flushes: 1, transactions: 1, directWrites: 0 });

        // Durable and visible to anyone else: the last state of each step, every event.
        expect(await other.stepRun.count({ where: { runId: run.id, state: "completed" } })).toBe(100);
        expect(await other.runEvent.count({ where: { runId: run.id } })).toBe(200);
        expect(await other.artifact.count({ where: { runId: run.id } })).toBe(1);
        expect((await other.run.findUniqueOrThrow({ where: { id: run.id } })).state).toBe("completed");

        // The same writes flushed one by one cost a transaction each.
        const unbatched = minimalRun(newRunId());
        await batched.createRun(unbatched);
        reset();
        for (let i = 0; i < 20; i++) {
          await batched.saveStep({ runId: unbatched.id, key: `n${i}`, nodeId: `n${i}`, state: "completed", attempts: [] });
          await batched.flush();
        }
        expect(counts.transactions + counts.statementsOutsideTransactions).toBeGreaterThanOrEqual(20);
      } finally {
        await db.$disconnect();
      }
    });

    it("flushes by itself after the interval", async () => {
      const timed = new PrismaRunStore(database.db, { flushIntervalMs: 5, maxBufferedWrites: 10_000, ...backendOf(database.db) });
      const run = minimalRun(newRunId());
      await timed.createRun(run);
      await timed.saveStep({ runId: run.id, key: "a", nodeId: "a", state: "completed", attempts: [] });
      await vi.waitFor(async () => expect(await other.stepRun.count({ where: { runId: run.id } })).toBe(1), {
        timeout: 10_000,
        interval: 20,
      });
      expect(timed.stats().flushes).toBe(1);
    });

    it("flushes when the buffer reaches its size limit, before the write that reached it returns", async () => {
      const small = new PrismaRunStore(database.db, { flushIntervalMs: 60_000, maxBufferedWrites: 10, ...backendOf(database.db) });
      const run = minimalRun(newRunId());
      await small.createRun(run);
      for (let i = 0; i < 9; i++) await small.saveStep({ runId: run.id, key: `s${i}`, nodeId: "s", state: "completed", attempts: [] });
      expect(await other.stepRun.count({ where: { runId: run.id } })).toBe(0);
      await small.appendEvents([event(run.id, 1)]);
      expect(await other.stepRun.count({ where: { runId: run.id } })).toBe(9);
      expect(await other.runEvent.count({ where: { runId: run.id } })).toBe(1);
    });

    it("reports writes that can never be stored, drops them, and still stores the other runs' writes", async () => {
      const failing = new PrismaRunStore(database.db, { flushIntervalMs: 60_000, maxBufferedWrites: 10_000, ...backendOf(database.db) });
      const [good, bad] = [minimalRun(newRunId()), minimalRun(newRunId())];
      await failing.createRun(good);
      await failing.createRun(bad);
      await failing.appendEvents([event(bad.id, 1)]);
      await failing.flush();
      await failing.saveStep({ runId: good.id, key: "ok", nodeId: "ok", state: "completed", attempts: [] });
      await failing.appendEvents([event(bad.id, 1)]); // the same seq again
      await expect(failing.flush()).rejects.toThrow();
      expect(await other.stepRun.count({ where: { runId: good.id } })).toBe(1);
      await expect(failing.flush()).resolves.toBeUndefined();
      expect(await failing.listEvents(bad.id, 0)).toHaveLength(1);
    });
  });
});

describe("PrismaRunStore as the sole writer of its runs (embedded mode)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await withTestDb("sqlite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("starts a fresh run without reading it back, then reads from the database again", async () => {
    const store = new PrismaRunStore(database.db, { flushIntervalMs: 60_000, soleWriter: true });
    const run = minimalRun(newRunId());
    await store.createRun(run);
    await store.updateRun(run.id, { state: "running", owner: "me", startedAt: 5 });
    const before = store.stats().statements;
    const first = await store.getRun(run.id);
    expect(first).toStrictEqual({ ...run, state: "running", owner: "me", startedAt: 5 });
    // The same document object: the engine's plan for it is reused.
    expect(first?.document).toBe(run.document);
    expect(await store.listSteps(run.id)).toEqual([]);
    expect(await store.listEvents(run.id, 0)).toEqual([]);
    expect(await store.listArtifacts(run.id)).toEqual([]);
    expect(store.stats().statements).toBe(before);

    // Once something is written for the run, reads go to the database and see it.
    await store.saveStep({ runId: run.id, key: "a", nodeId: "a", state: "completed", output: 1, attempts: [] });
    await store.appendEvents([event(run.id, 1)]);
    expect(await store.listSteps(run.id)).toHaveLength(1);
    expect(await store.listEvents(run.id, 0)).toHaveLength(1);
    expect(await store.getRun(run.id)).toMatchObject({ state: "running", owner: "me" });
    expect(store.stats().statements).toBeGreaterThan(before);
    await store.close();
  });

  it("is off by default: every read goes to the database", async () => {
    const store = new PrismaRunStore(database.db, { flushIntervalMs: 60_000 });
    const run = minimalRun(newRunId());
    await store.createRun(run);
    const before = store.stats().statements;
    expect((await store.getRun(run.id))?.document).not.toBe(run.document);
    expect(await store.listSteps(run.id)).toEqual([]);
    expect(store.stats().statements).toBe(before + 2);
    await store.close();
  });
});
