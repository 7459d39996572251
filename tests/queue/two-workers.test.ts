import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { getConfig, resetConfigForTests } from "@/lib/server/config";
import { closeQueueWiring } from "@/lib/server/queue/queue-wiring";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { skipPostgres } from "@/tests/db/test-database";
import { chain, createFlow, node } from "@/tests/runtime/support";
import {
  deletePrefix,
  RecordingService,
  REDIS_TEST_URL,
  skipRedis,
  startWorker,
  stopWorker,
  uniquePrefix,
  until,
  type WorkerProcess,
} from "./support";

/**
 * Queue mode end to end on the real PostgreSQL and Redis: this test process is the web
 * process (it stores runs and enqueues them); two child processes run the worker entry of
 * `npm run worker` and execute them.
 */
const skip = (await skipPostgres()) || (await skipRedis());

describe.skipIf(skip)("queue mode with two workers", () => {
  let app: TestApp;
  let user: TestUser;
  let service: RecordingService;
  let prefix: string;
  const workers: WorkerProcess[] = [];

  const http = (id: string, path: string, settings: Record<string, unknown> = {}) =>
    node(id, "core.http.request", { method: "POST", url: `${service.url}${path}` }, { settings: { retries: 0, ...settings } });

  async function submit(document: FlowDocument, count: number): Promise<string[]> {
    const flowId = await createFlow(app.db, user.workspace.id, document);
    const runtime = getRuntime();
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push((await runtime.submitRun({ workspaceId: user.workspace.id, flowId, document, params: {} })).runId);
    return ids;
  }

  async function allFinished(ids: string[], timeoutMs = 40_000) {
    return until(
      "every run to finish",
      async () => {
        const runs = await app.db.run.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, owner: true } });
        return runs.length === ids.length && runs.every((r) => ["completed", "failed", "crashed", "cancelled"].includes(r.state)) && runs;
      },
      timeoutMs,
      200,
    );
  }

  beforeAll(async () => {
    service = await new RecordingService(300).start();
    app = await startTestApp("postgres");
    user = await createUser(app.db);
    prefix = uniquePrefix();
    const env = {
      REDIS_URL: REDIS_TEST_URL,
      SWITCHYARD_REDIS_PREFIX: prefix,
      SWITCHYARD_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
      SWITCHYARD_HEARTBEAT_MS: "300",
      SWITCHYARD_STALE_AFTER_MS: "4000",
      SWITCHYARD_RUN_CONCURRENCY: "4",
      SWITCHYARD_SHUTDOWN_GRACE_MS: "1000",
      LOG_LEVEL: "warn",
    };
    Object.assign(process.env, env);
    resetConfigForTests();
    getConfig();
    const childEnv = Object.fromEntries(
      ["DATABASE_URL", "NEXTAUTH_SECRET", "SWITCHYARD_ENCRYPTION_KEY", "SWITCHYARD_DATA_DIR", "NEXTAUTH_URL"].map((k) => [
        k,
        process.env[k]!,
      ]),
    );
    workers.push(...(await Promise.all([startWorker({ ...childEnv, ...env }), startWorker({ ...childEnv, ...env })])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorker(w)));
    await closeRuntime(0);
    await closeQueueWiring();
    for (const k of [
      "REDIS_URL",
      "SWITCHYARD_REDIS_PREFIX",
      "SWITCHYARD_ALLOW_PRIVATE_HOSTS",
      "SWITCHYARD_HEARTBEAT_MS",
      "SWITCHYARD_STALE_AFTER_MS",
    ]) {
      delete process.env[k];
    }
    for (const k of ["SWITCHYARD_RUN_CONCURRENCY", "SWITCHYARD_SHUTDOWN_GRACE_MS", "LOG_LEVEL"]) delete process.env[k];
    resetConfigForTests();
    await service?.stop();
    await app?.close();
    if (prefix) await deletePrefix(prefix);
  }, 60_000);

  it("executes each run once, on both workers", async () => {
    const document = chain("Once each", [
      node("start", "core.trigger.manual"),
      http("first", "/once/{{ run.id }}"),
      node("pause", "core.flow.wait", { seconds: 0.2 }),
      http("second", "/once-more/{{ run.id }}"),
    ]);
    const ids = await submit(document, 12);
    const runs = await allFinished(ids);
    expect(runs.map((r) => r.state)).toEqual(ids.map(() => "completed"));
    for (const id of ids) {
      expect(service.count(`/once/${id}`), id).toBe(1);
      expect(service.count(`/once-more/${id}`), id).toBe(1);
    }
    // Four at a time per worker: twelve runs cannot all have been taken by one.
    const executedBy = new Set(runs.map((r) => workers.find((w) => r.owner?.includes(`:${w.pid}:`))?.pid));
    expect(executedBy).toEqual(new Set(workers.map((w) => w.pid)));
  }, 60_000);

  it("never runs more than a step's concurrency limit at once across workers", async () => {
    const document = chain("Limited", [
      node("start", "core.trigger.manual"),
      http("call", "/slow/{{ run.id }}", { concurrency: { key: "shared-vendor", limit: 2 } }),
    ]);
    service.maxInFlight = 0;
    const ids = await submit(document, 8);
    const runs = await allFinished(ids);
    expect(runs.map((r) => r.state)).toEqual(ids.map(() => "completed"));
    for (const id of ids) expect(service.count(`/slow/${id}`)).toBe(1);
    expect(service.maxInFlight).toBe(2);
  }, 60_000);

  it("cancels a run a worker is executing, from the web process", async () => {
    const document = chain("Cancelled", [
      node("start", "core.trigger.manual"),
      http("before", "/cancel-before/{{ run.id }}"),
      node("pause", "core.flow.wait", { seconds: 30 }),
      http("after", "/cancel-after/{{ run.id }}"),
    ]);
    const [runId] = await submit(document, 1);
    await until("the first step", () => Promise.resolve(service.count(`/cancel-before/${runId}`) === 1));
    const runtime = getRuntime();
    expect(await runtime.cancelRun(runId!)).toBe("cancelling");
    const finished = await runtime.whenFinished(runId!);
    expect(finished?.state).toBe("cancelled");
    expect(service.count(`/cancel-after/${runId}`)).toBe(0);
  }, 60_000);

  it("finishes on the other worker a run whose worker was killed mid-run, without repeating completed steps", async () => {
    const document = chain("Survives a kill", [
      node("start", "core.trigger.manual"),
      http("before", "/before/{{ run.id }}"),
      node("pause", "core.flow.wait", { seconds: 2 }),
      http("after", "/after/{{ run.id }}"),
    ]);
    const [runId] = await submit(document, 1);
    // Wait until a worker has done the first side effect and is in the wait.
    await until("the first step", () => Promise.resolve(service.count(`/before/${runId}`) === 1));
    const holder = await until("the run's owner", async () => {
      const run = await app.db.run.findUnique({ where: { id: runId! }, select: { owner: true } });
      return workers.find((w) => run?.owner?.includes(`:${w.pid}:`));
    });
    const survivor = workers.find((w) => w !== holder)!;
    holder.child.kill("SIGKILL");
    await holder.exited;
    const [run] = await allFinished([runId!], 30_000);
    expect(run!.state).toBe("completed");
    expect(run!.owner).toContain(`:${survivor.pid}:`);
    expect(service.count(`/before/${runId}`)).toBe(1);
    expect(service.count(`/after/${runId}`)).toBe(1);
  }, 60_000);
});
