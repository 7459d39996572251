import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as flowRunsRoute from "@/app/api/w/[ws]/flows/[flowId]/runs/route";
import * as pauseRoute from "@/app/api/w/[ws]/triggers/[triggerId]/pause/route";
import * as triggersRoute from "@/app/api/w/[ws]/triggers/route";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { bearer, call, createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { chain, createFlow, node } from "@/tests/runtime/support";

/**
 * Flow-event triggers through the real runtime: a run of the source flow finishes, and the
 * target flow runs with the finished run's summary as its parameters.
 */
describe("flow-event triggers", () => {
  let app: TestApp;
  let owner: TestUser;
  let token: string;
  let source: string;
  let onFailure: string;
  let onAny: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app.db);
    token = await bearer(app.db, owner.id);
    source = await createFlow(
      app.db,
      owner.workspace.id,
      chain(
        "Import orders",
        [node("start", "core.trigger.manual"), node("check", "core.flow.fail", { message: "Order {{ params.orderId }} has no customer" })],
        { parameters: { orderId: { type: "string", required: true } } },
      ),
    );
    // Declares the summary fields it wants, plus a fixed `channel` set on the trigger.
    onFailure = await createFlow(
      app.db,
      owner.workspace.id,
      chain("Alert on failure", [node("start", "core.trigger.manual")], {
        parameters: {
          runId: { type: "string" },
          flowName: { type: "string" },
          state: { type: "string" },
          failedNode: { type: "string" },
          error: { type: "object" },
          startedAt: { type: "number" },
          finishedAt: { type: "number" },
          channel: { type: "string", required: true },
        },
      }),
    );
    // Declares no parameters: gets the whole summary.
    onAny = await createFlow(app.db, owner.workspace.id, chain("Audit every run", [node("start", "core.trigger.manual")]));
  });

  afterAll(async () => {
    await closeRuntime(0);
    await app?.close();
  });

  const ws = () => owner.workspace.slug;
  const trigger = async (flowId: string, config: unknown, parameters?: Record<string, unknown>) => {
    const res = await call(triggersRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { flowId, kind: "flow-event", config, ...(parameters ? { parameters } : {}) },
      auth: token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { trigger: { id: string } }).trigger.id;
  };
  const runSource = async (orderId: string) => {
    const res = await call(flowRunsRoute.POST, {
      method: "POST",
      params: { ws: ws(), flowId: source },
      body: { parameters: { orderId } },
      auth: token,
    });
    expect(res.status).toBe(202);
    const { runId } = res.body as { runId: string };
    await getRuntime().whenFinished(runId);
    return runId;
  };
  /** The runs the source run started, once they are stored (the trigger fires after the source's end). */
  const startedBy = async (flowId: string, expected: number) => {
    for (let i = 0; i < 200; i++) {
      const runs = await app.db.run.findMany({ where: { flowId } });
      if (runs.length >= expected) return runs;
      await new Promise((r) => setTimeout(r, 50));
    }
    return app.db.run.findMany({ where: { flowId } });
  };

  it("starts the target flow with the failed run's summary", async () => {
    const failureTrigger = await trigger(onFailure, { sourceFlowId: source, on: "failed" }, { channel: "#ops" });
    const anyTrigger = await trigger(onAny, { sourceFlowId: source, on: "both" });
    const sourceRunId = await runSource("A-1");
    const source_ = await app.db.run.findUniqueOrThrow({ where: { id: sourceRunId } });
    expect(source_.state).toBe("failed");

    const [alert] = await startedBy(onFailure, 1);
    expect(alert!.trigger).toEqual({ kind: "flow-event", id: failureTrigger });
    expect(alert!.params).toEqual({
      runId: sourceRunId,
      flowName: "Import orders",
      state: "failed",
      failedNode: "check",
      startedAt: source_.startedAt!.getTime(),
      finishedAt: source_.finishedAt!.getTime(),
      channel: "#ops",
      error: (alert!.params as { error: unknown }).error,
    });
    const error = (alert!.params as { error: { message: string; category: string } }).error;
    expect(error.message).toContain("Order A-1 has no customer");
    expect(typeof error.category).toBe("string");
    const alertRun = await getRuntime().whenFinished(alert!.id);
    expect(alertRun?.state).toBe("completed");

    const [audit] = await startedBy(onAny, 1);
    expect(audit!.trigger).toEqual({ kind: "flow-event", id: anyTrigger });
    expect(audit!.params).toMatchObject({ runId: sourceRunId, flowId: source, state: "failed", failedNode: "check" });
    await getRuntime().whenFinished(audit!.id);
    const row = await app.db.trigger.findUniqueOrThrow({ where: { id: failureTrigger } });
    expect(row.lastRunId).toBe(alert!.id);
    expect(row.lastFiredAt).not.toBeNull();
  });

  it("starts nothing while paused, nor for an outcome it does not watch", async () => {
    const before = await app.db.run.count({ where: { flowId: { in: [onFailure, onAny] } } });
    const triggers = await app.db.trigger.findMany({ where: { flowId: onAny } });
    for (const t of triggers) {
      const res = await call(pauseRoute.POST, { method: "POST", params: { ws: ws(), triggerId: t.id }, auth: token });
      expect(res.status).toBe(200);
    }
    // Only the failure trigger is active: one more run, of onFailure.
    await runSource("A-2");
    const alerts = await startedBy(onFailure, 2);
    expect(alerts).toHaveLength(2);
    await Promise.all(alerts.map((r) => getRuntime().whenFinished(r.id)));
    expect(await app.db.run.count({ where: { flowId: { in: [onFailure, onAny] } } })).toBe(before + 1);
    // A completed run starts no failure trigger.
    const ok = await createFlow(app.db, owner.workspace.id, chain("Always fine", [node("start", "core.trigger.manual")]));
    const watcher = await createFlow(app.db, owner.workspace.id, chain("Watcher", [node("start", "core.trigger.manual")]));
    await trigger(watcher, { sourceFlowId: ok, on: "failed" });
    const res = await call(flowRunsRoute.POST, { method: "POST", params: { ws: ws(), flowId: ok }, body: {}, auth: token });
    await getRuntime().whenFinished((res.body as { runId: string }).runId);
    await new Promise((r) => setTimeout(r, 300));
    expect(await app.db.run.count({ where: { flowId: watcher } })).toBe(0);
  });
});
