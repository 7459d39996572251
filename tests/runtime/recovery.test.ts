import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as credentialsRoute from "@/app/api/w/[ws]/credentials/route";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { RunRecord } from "@/lib/engine/run-store";
import { PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";
import { createServerRuntime } from "@/lib/server/runtime/get-runtime";
import type { Runtime } from "@/lib/server/runtime/runtime";
import { bearer, call, createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";
import { chain, createFlow, node } from "./support";

const quiet = () => {};

describe("runtime durability and limits", () => {
  let app: TestApp;
  let owner: TestUser;
  let fake: DiscordFake;
  let auth: string;
  const runtimes: Runtime[] = [];
  const runtime = (overrides: Parameters<typeof createServerRuntime>[0] = {}) => {
    const rt = createServerRuntime({ logWrite: quiet, ...overrides });
    runtimes.push(rt);
    return rt;
  };

  beforeAll(async () => {
    process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    app = await startTestApp();
    fake = await new DiscordFake().start();
    owner = await createUser(app.db);
    auth = await bearer(app.db, owner.id);
  });

  // A runtime left running would sweep and claim the next test's runs.
  afterEach(async () => {
    for (const rt of runtimes.splice(0)) await rt.shutdown(0);
  });

  afterAll(async () => {
    await fake?.stop();
    await app?.close();
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS;
  });

  const credential = async (label: string): Promise<{ id: string; hook: FakeWebhook }> => {
    const hook = fake.addWebhook({ token: `token-${label}-0123456789` });
    const res = await call(credentialsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { type: "discord.webhook", name: label, data: { webhookUrl: fake.webhookUrl(hook) } },
      auth,
    });
    return { id: (res.body as { credential: { id: string } }).credential.id, hook };
  };
  const posted = (hook: FakeWebhook) => fake.messages.filter((m) => m.webhookId === hook.id).length;

  function stored(document: FlowDocument, flowId: string, patch: Partial<RunRecord>): RunRecord {
    const at = Date.now() - 10 * 60_000;
    return {
      id: `run_test_${Math.random().toString(36).slice(2, 10)}`,
      workspaceId: owner.workspace.id,
      flowId,
      document,
      state: "running",
      params: {},
      trigger: { kind: "manual" },
      dryRun: false,
      attempt: 1,
      createdAt: at,
      startedAt: at,
      heartbeatAt: at,
      owner: "dead-host:1:abcdef",
      ...patch,
    };
  }

  it("resumes at start a run left running with a stale heartbeat, without repeating its completed steps", async () => {
    const a = await credential("crash-a");
    const b = await credential("crash-b");
    const document = chain("Crashed", [
      node("start", "core.trigger.manual"),
      node("postA", "discord.webhook.send", { content: "a" }, { credential: a.id }),
      node("postB", "discord.webhook.send", { content: "b" }, { credential: b.id }),
    ]);
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const store = new PrismaRunStore(app.db);
    const crashed = stored(document, flowId, {});
    await store.createRun(crashed);
    const at = crashed.createdAt;
    await store.saveStep({
      runId: crashed.id,
      key: "start",
      nodeId: "start",
      state: "completed",
      output: {},
      ports: { out: {} },
      attempts: [],
      startedAt: at,
      finishedAt: at,
    });
    await store.saveStep({
      runId: crashed.id,
      key: "postA",
      nodeId: "postA",
      state: "completed",
      output: { sent: true },
      ports: { out: { sent: true } },
      attempts: [{ attempt: 1, startedAt: at, finishedAt: at }],
      startedAt: at,
      finishedAt: at,
    });
    await store.appendEvents([{ runId: crashed.id, seq: 1, at, type: "run.state", data: { state: "running" } }]);
    // Never started: accepted and queued when the process died.
    const queued = stored(document, flowId, { state: "pending", startedAt: undefined });
    await store.createRun(queued);
    // Owned by a live process (fresh heartbeat): must be left alone.
    const alive = stored(document, flowId, { heartbeatAt: Date.now(), owner: "live-host:2:abcdef" });
    await store.createRun(alive);
    await store.flush();

    const rt = runtime({ owner: "restarted:3:abcdef" });
    await rt.start();
    const [resumed, started] = await Promise.all([rt.whenFinished(crashed.id), rt.whenFinished(queued.id)]);

    expect(resumed?.state).toBe("completed");
    expect(started?.state).toBe("completed");
    expect(posted(a.hook)).toBe(1);
    expect(posted(b.hook)).toBe(2);
    const steps = await rt.store.listSteps(crashed.id);
    expect(steps.find((s) => s.key === "postA")?.attempts).toHaveLength(1);
    const untouched = await app.db.run.findUniqueOrThrow({ where: { id: alive.id } });
    expect(untouched).toMatchObject({ state: "running", owner: "live-host:2:abcdef" });
    await app.db.run.update({ where: { id: alive.id }, data: { state: "cancelled" } });
  });

  it("on shutdown stops taking runs and leaves an unfinished run resumable by the next process", async () => {
    const a = await credential("stop-a");
    const b = await credential("stop-b");
    const document = chain("Interrupted", [
      node("start", "core.trigger.manual"),
      node("postA", "discord.webhook.send", { content: "a" }, { credential: a.id }),
      node("pause", "core.flow.wait", { seconds: 1 }),
      node("postB", "discord.webhook.send", { content: "b" }, { credential: b.id }),
    ]);
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const first = runtime({ owner: "first:1:abcdef" });
    await first.start();
    const { runId } = await first.submitRun({ workspaceId: owner.workspace.id, flowId, document, params: {} });
    await new Promise<void>((resolve) => {
      const off = first.bus.subscribe(runId, (e) => {
        if (e.type === "step.state" && e.data?.nodeId === "pause" && e.data?.state === "running") {
          off();
          resolve();
        }
      });
    });
    await first.shutdown(0);
    await expect(first.submitRun({ workspaceId: owner.workspace.id, flowId, document, params: {} })).rejects.toThrow(/shutting down/);
    const left = await app.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(["pending", "running"]).toContain(left.state);
    expect(posted(a.hook)).toBe(1);
    expect(posted(b.hook)).toBe(0);

    const second = runtime({ owner: "second:2:abcdef", staleAfterMs: 1 });
    await second.start();
    const done = await second.whenFinished(runId);
    expect(done?.state).toBe("completed");
    expect(posted(a.hook)).toBe(1);
    expect(posted(b.hook)).toBe(1);
  });

  it("applies each credential type's rate under the credential's own key, keeping an explicit one", async () => {
    const c = await credential("rate");
    const document = chain("Rated", [
      node("start", "core.trigger.manual"),
      node("post", "discord.webhook.send", { content: "x" }, { credential: c.id }),
      node("own", "discord.webhook.send", { content: "y" }, { credential: c.id, settings: { rateLimit: { key: "mine", perSecond: 5 } } }),
    ]);
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const rt = runtime();
    await rt.start();
    const { runId } = await rt.submitRun({ workspaceId: owner.workspace.id, flowId, document, params: {}, dryRun: true });
    const run = await rt.whenFinished(runId);
    const byId = new Map(run!.document.nodes.map((n) => [n.id, n.settings?.rateLimit]));
    expect(byId.get("post")).toEqual({ key: `credential:${c.id}`, perSecond: 0.5 });
    expect(byId.get("own")).toEqual({ key: "mine", perSecond: 5 });
    expect(byId.get("start")).toBeUndefined();
  });

  it("never runs more than a flow's maxConcurrentRuns, nor more than the global limit", async () => {
    const slow = (name: string, settings?: FlowDocument["settings"]) =>
      chain(name, [node("start", "core.trigger.manual"), node("pause", "core.flow.wait", { seconds: 0.2 })], settings ? { settings } : {});
    const oneAtATime = slow("One at a time", { maxConcurrentRuns: 1 });
    const free = slow("Free");
    const oneFlow = await createFlow(app.db, owner.workspace.id, oneAtATime);
    const freeFlow = await createFlow(app.db, owner.workspace.id, free);
    const rt = runtime({ globalConcurrency: 2 });
    await rt.start();
    const submit = (flowId: string, document: FlowDocument) =>
      rt.submitRun({ workspaceId: owner.workspace.id, flowId, document, params: {} });
    const ids = await Promise.all([
      submit(oneFlow, oneAtATime),
      submit(oneFlow, oneAtATime),
      submit(oneFlow, oneAtATime),
      submit(freeFlow, free),
      submit(freeFlow, free),
      submit(freeFlow, free),
    ]);
    const runs = await Promise.all(ids.map(({ runId }) => rt.whenFinished(runId)));
    expect(runs.every((r) => r?.state === "completed")).toBe(true);
    const spans = runs.map((r) => ({ flowId: r!.flowId, start: r!.startedAt!, end: r!.finishedAt! }));
    const overlapping = (at: number, flowId?: string) =>
      spans.filter((s) => (!flowId || s.flowId === flowId) && s.start <= at && at < s.end).length;
    for (const s of spans) {
      expect(overlapping(s.start)).toBeLessThanOrEqual(2);
      expect(overlapping(s.start, oneFlow)).toBeLessThanOrEqual(1);
    }
  });
});
