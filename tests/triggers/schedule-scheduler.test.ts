import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/engine/logger";
import { createDb, type Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import { closeRuntime, createServerRuntime } from "@/lib/server/runtime/get-runtime";
import type { Runtime } from "@/lib/server/runtime/runtime";
import { PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";
import { normalizeSchedule, scheduleInputSchema } from "@/lib/server/triggers/schedule-config";
import { createScheduler, type Scheduler } from "@/lib/server/triggers/scheduler";
import { createUser, startTestApp, type TestApp } from "@/tests/app/support/test-app";
import { testProviders } from "@/tests/db/test-database";
import { chain, createFlow, node } from "@/tests/runtime/support";

/**
 * Two processes' worth of schedulers, each claiming through its own database client, ticking
 * the same due triggers at once: every fire starts exactly one run. On PostgreSQL each also
 * has its own runtime (queue mode's many processes); on SQLite the runs execute in one
 * runtime, as embedded mode has one process executing runs per database file.
 */

const quiet = createLogger({ level: "error", write: () => {} });

describe.each(await testProviders())("scheduler on %s", (provider) => {
  let app: TestApp;
  let second: Db;
  let workspaceId: string;
  let flowId: string;
  const runtimes: Runtime[] = [];
  const schedulers: Scheduler[] = [];
  let clock = Date.parse("2026-02-02T10:00:30Z");

  beforeAll(async () => {
    app = await startTestApp(provider);
    second = createDb(app.database.url);
    const user = await createUser(app.db);
    workspaceId = user.workspace.id;
    flowId = await createFlow(
      app.db,
      workspaceId,
      chain("Scheduled", [
        node("start", "core.trigger.manual"),
        node("stamp", "core.data.set-fields", {
          fields: { due: "{{ run.scheduledAt }}", kind: "{{ run.trigger.kind }}", who: "{{ params.who }}" },
        }),
      ]),
    );
    for (const db of [app.db, second]) {
      if (provider === "postgres" || runtimes.length === 0) {
        runtimes.push(createServerRuntime({ db, store: new PrismaRunStore(db), logWrite: () => {} }));
      }
      const runtime = runtimes.at(-1)!;
      schedulers.push(createScheduler({ db: () => db, runtime: () => runtime, logger: quiet, now: () => clock }));
    }
  });

  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.shutdown(0)));
    await closeRuntime(0);
    await second?.$disconnect();
    await app?.close();
  });

  beforeEach(async () => {
    await app.db.trigger.deleteMany({ where: { workspaceId } });
  });

  async function schedule(input: unknown, nextFireAt: number, parameters: Record<string, unknown> = {}, forFlow = flowId) {
    const config = normalizeSchedule(scheduleInputSchema.parse(input), Date.parse("2026-02-01T00:00:00Z"));
    const row = await app.db.trigger.create({
      data: {
        workspaceId,
        flowId: forFlow,
        kind: "schedule",
        config: { ...config, parameters } as Prisma.InputJsonValue,
        nextFireAt: new Date(nextFireAt),
      },
    });
    return row.id;
  }

  async function runsOf(triggerId: string) {
    const rows = await app.db.run.findMany({ where: { flowId } });
    return rows.filter((r) => (r.trigger as { id?: string }).id === triggerId);
  }

  async function finish(runIds: string[]) {
    for (const runId of runIds) {
      const owner = runtimes.find((r) => r.isLive(runId)) ?? runtimes[0]!;
      await owner.whenFinished(runId);
    }
  }

  it("fires each due trigger exactly once when two schedulers tick together", async () => {
    clock = Date.parse("2026-02-02T10:00:30Z");
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(await schedule({ type: "cron", expression: "0 * * * *" }, Date.parse("2026-02-02T10:00:00Z"), { who: `t${i}` }));
    }
    const [a, b] = await Promise.all(schedulers.map((s) => s.tick()));
    // A second round at the same time finds nothing due.
    const again = await Promise.all(schedulers.map((s) => s.tick()));
    expect(again.flat()).toEqual([]);
    const started = [...a!, ...b!];
    await finish(started);
    expect(started).toHaveLength(8);
    for (const id of ids) {
      const runs = await runsOf(id);
      expect(runs, id).toHaveLength(1);
      const run = runs[0]!;
      expect(run.trigger).toEqual({ kind: "schedule", id });
      expect(run.scheduledAt?.toISOString()).toBe("2026-02-02T10:00:00.000Z");
      expect(run.state, JSON.stringify(run.error)).toBe("completed");
      expect(run.output).toMatchObject({ stamp: { due: "2026-02-02T10:00:00.000Z", kind: "schedule" } });
      const trigger = await app.db.trigger.findUniqueOrThrow({ where: { id } });
      expect(trigger.nextFireAt?.toISOString()).toBe("2026-02-02T11:00:00.000Z");
      expect(trigger.lastRunId).toBe(run.id);
    }
    // Parameter overrides reach the run.
    const params = await Promise.all(ids.map(async (id) => ((await runsOf(id))[0]!.params as { who: string }).who));
    expect(params.sort()).toEqual(ids.map((_, i) => `t${i}`).sort());
  });

  it("runs a window missed while no server ran once (catchUp once), or not at all (skip)", async () => {
    clock = Date.parse("2026-02-03T14:20:00Z");
    const downSince = Date.parse("2026-02-03T10:00:00Z");
    const once = await schedule({ type: "cron", expression: "0 * * * *", catchUp: "once" }, downSince);
    const skip = await schedule({ type: "cron", expression: "0 * * * *", catchUp: "skip" }, downSince);
    const started = (await Promise.all(schedulers.map((s) => s.tick()))).flat();
    await finish(started);
    const onceRuns = await runsOf(once);
    expect(onceRuns).toHaveLength(1);
    expect(onceRuns[0]!.scheduledAt?.toISOString()).toBe("2026-02-03T14:00:00.000Z");
    expect(await runsOf(skip)).toHaveLength(0);
    for (const id of [once, skip]) {
      expect((await app.db.trigger.findUniqueOrThrow({ where: { id } })).nextFireAt?.toISOString()).toBe("2026-02-03T15:00:00.000Z");
    }
  });

  it("does not fire a paused trigger, and records why a fire started no run", async () => {
    clock = Date.parse("2026-02-04T10:00:01Z");
    const paused = await schedule({ type: "cron", expression: "0 * * * *" }, Date.parse("2026-02-04T10:00:00Z"));
    await app.db.trigger.update({ where: { id: paused }, data: { paused: true } });
    const strict = await createFlow(
      app.db,
      workspaceId,
      chain("Needs who", [node("start", "core.trigger.manual")], { parameters: { who: { type: "string", required: true } } }),
    );
    const wrong = await schedule({ type: "cron", expression: "0 * * * *" }, Date.parse("2026-02-04T10:00:00Z"), {}, strict);
    const started = (await Promise.all(schedulers.map((s) => s.tick()))).flat();
    expect(started).toEqual([]);
    expect(await runsOf(paused)).toHaveLength(0);
    expect((await app.db.trigger.findUniqueOrThrow({ where: { id: paused } })).nextFireAt?.toISOString()).toBe("2026-02-04T10:00:00.000Z");
    const failed = await app.db.trigger.findUniqueOrThrow({ where: { id: wrong } });
    expect(failed.lastError).toBe("Invalid run parameters: parameters.who is required.");
    expect(failed.nextFireAt?.toISOString()).toBe("2026-02-04T11:00:00.000Z");
  });

  it("hands a fire back when its runtime is shutting down, so another process fires it", async () => {
    clock = Date.parse("2026-02-05T10:00:02Z");
    const due = Date.parse("2026-02-05T10:00:00Z");
    const id = await schedule({ type: "cron", expression: "0 * * * *" }, due);
    const stopping = createServerRuntime({ db: app.db, store: new PrismaRunStore(app.db), logWrite: () => {} });
    await stopping.shutdown(0);
    const leaving = createScheduler({ db: () => app.db, runtime: () => stopping, logger: quiet, now: () => clock });
    expect(await leaving.tick()).toEqual([]);
    const row = await app.db.trigger.findUniqueOrThrow({ where: { id } });
    expect(row.nextFireAt?.getTime()).toBe(due);
    expect(row.lastError).toBeNull();
    const started = await schedulers[0]!.tick();
    expect(started).toHaveLength(1);
    await finish(started);
    expect(await runsOf(id)).toHaveLength(1);
  });
});
