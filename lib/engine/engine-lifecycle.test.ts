import { describe, expect, it } from "vitest";
import { CancelledError } from "./errors";
import type { FlowLoader, RunSummary } from "./engine-api";
import { flow, chain } from "./test-helpers/nodes";
import { harness, driveUntil, gate } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";
import { createEngine } from "./engine";
import { createLogger, silentWriter } from "./logger";
import { testRegistry } from "./test-helpers/nodes";

const sleeper = (ms: number) =>
  scriptedNode("test.sleep", async (ctx) => {
    await ctx.clock.sleep(ms, ctx.signal);
    return "woke";
  });

describe("flow timeout and cancel", () => {
  it("fails the run when the flow times out and aborts running steps", async () => {
    const node = sleeper(60_000);
    const h = harness([node.def]);
    const doc = flow(
      [
        { id: "s", type: "test.sleep" },
        { id: "after", type: "test.echo" },
      ],
      [{ source: "s", target: "after" }],
      { settings: { timeoutSeconds: 10 } },
    );
    const t0 = h.clock.now();
    const run = await h.start(doc);
    const record = await h.finish(run);
    expect(record.state).toBe("failed");
    expect(record.error).toMatchObject({ name: "TimeoutError", category: "timeout", message: "Flow timed out after 10s" });
    expect(record.finishedAt! - t0).toBe(10_000);
    const steps = await h.store.listSteps(run.runId);
    expect(steps.map((s) => [s.key, s.state, s.error?.category])).toEqual([["s", "failed", "timeout"]]);
  });

  it("cancels a run: running steps see their signal abort, nothing else starts", async () => {
    const reasons: unknown[] = [];
    const node = scriptedNode("test.sleep", async (ctx) => {
      try {
        await ctx.clock.sleep(60_000, ctx.signal);
      } catch (e) {
        reasons.push(ctx.signal.reason);
        throw e;
      }
      return 1;
    });
    const h = harness([node.def]);
    const doc = flow(
      [
        { id: "s", type: "test.sleep", settings: { retries: 3 } },
        { id: "after", type: "test.echo" },
      ],
      [{ source: "s", target: "after" }],
    );
    const run = await h.start(doc);
    await h.clock.advance(1000);
    expect(h.engine.cancel(run.runId)).toBe(true);
    const record = await h.finish(run);
    expect(record.state).toBe("cancelled");
    expect(record.error?.category).toBe("cancelled");
    expect(reasons[0]).toBeInstanceOf(CancelledError);
    expect(node.calls).toHaveLength(1);
    expect((await h.store.listSteps(run.runId)).map((s) => s.key)).toEqual(["s"]);
    expect(h.engine.cancel(run.runId)).toBe(false);
    expect(h.engine.cancel("unknown")).toBe(false);
  });
});

describe("hooks", () => {
  it("fires onFailure once per run, after the final state, with the run's summary", async () => {
    const notified: { cred: string; summary: RunSummary; stateAtCall: string | undefined }[] = [];
    const childCalls: unknown[] = [];
    const child = scriptedNode("test.child", (ctx) => {
      childCalls.push({ params: ctx.params, trigger: ctx.run.trigger });
      return Promise.resolve(null);
    });
    const boom = scriptedNode("test.boom", () => Promise.reject(new Error("bad")));
    const flows: FlowLoader = {
      load: (ref) =>
        Promise.resolve(ref === "alerts" ? { document: flow([{ id: "c", type: "test.child" }]), flowId: "flow_alerts" } : null),
    };
    const h = harness([child.def, boom.def], {
      flows,
      notify: async (cred, summary) => {
        notified.push({ cred, summary, stateAtCall: (await h.store.getRun(summary.runId))?.state });
      },
    });
    const doc = flow([{ id: "b", type: "test.boom" }], [], {
      name: "Nightly",
      settings: {
        onFailure: [{ notify: "cred_discord" }, { runFlow: "alerts" }, { runFlow: "missing" }],
        onCompletion: [{ notify: "cred_never" }],
      },
    });
    const run = await h.start(doc);
    await h.finish(run);
    await driveUntil(h.clock, new Promise<void>((r) => setTimeout(r, 20)));
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({
      cred: "cred_discord",
      stateAtCall: "failed",
      summary: { runId: run.runId, flowName: "Nightly", state: "failed", failedNode: "b", error: { category: "unknown" } },
    });
    expect(childCalls).toEqual([
      { params: expect.objectContaining({ runId: run.runId, state: "failed" }) as unknown, trigger: { kind: "flow-event", id: run.runId } },
    ]);
    expect(h.logs.some((l) => l.message === "Run hook failed" && JSON.stringify(l.data).includes("missing"))).toBe(true);
  });

  it("fires onCompletion for a completed run and nothing for a cancelled one", async () => {
    const calls: string[] = [];
    const node = sleeper(1000);
    const h = harness([node.def], {
      notify: (cred) => {
        calls.push(cred);
        return Promise.resolve();
      },
    });
    const settings = { onCompletion: [{ notify: "done" }], onFailure: [{ notify: "failed" }] };
    await h.finish(await h.start(flow([{ id: "s", type: "test.sleep" }], [], { settings })));
    expect(calls).toEqual(["done"]);
    const cancelled = await h.start(flow([{ id: "s", type: "test.sleep" }], [], { settings }));
    h.engine.cancel(cancelled.runId);
    await h.finish(cancelled);
    expect(calls).toEqual(["done"]);
  });
});

describe("heartbeat, artifacts, logs, sub-flows", () => {
  it("updates heartbeatAt while the run executes", async () => {
    const node = sleeper(3_500);
    const h = harness([node.def], { heartbeatMs: 1_000, owner: "worker-7" });
    const t0 = h.clock.now();
    const run = await h.start(flow([{ id: "s", type: "test.sleep" }]));
    await h.clock.advance(2_500);
    const mid = await h.store.getRun(run.runId);
    expect(mid).toMatchObject({ state: "running", owner: "worker-7", heartbeatAt: t0 + 2_000 });
    await h.finish(run);
    const pendingAfter = h.clock.pending();
    expect(pendingAfter).toBe(0);
  });

  it("stores artifacts and announces them", async () => {
    const node = scriptedNode("test.report", (ctx) => {
      ctx.artifact({ kind: "markdown", title: "Summary", body: "# 3 leads" });
      ctx.artifact({ kind: "link", url: "https://example.com/report", label: "Report" });
      return Promise.resolve(null);
    });
    const h = harness([node.def]);
    const run = await h.start(flow([{ id: "r", type: "test.report" }]));
    await h.finish(run);
    const artifacts = await h.store.listArtifacts(run.runId);
    expect(artifacts.map((a) => [a.stepKey, a.artifact.kind])).toEqual([
      ["r", "markdown"],
      ["r", "link"],
    ]);
    const events = run.events.filter((e) => e.type === "artifact");
    expect(events.map((e) => (e as { artifactId: string }).artifactId)).toEqual(artifacts.map((a) => a.id));
  });

  it("writes node logs as structured lines and log events", async () => {
    const node = scriptedNode("test.logger", (ctx) => {
      ctx.log.info("fetched", { rows: 3 });
      ctx.log.child({ page: 2 }).warn("slow page");
      return Promise.resolve(null);
    });
    const h = harness([node.def]);
    const run = await h.start(flow([{ id: "l", type: "test.logger" }]));
    await h.finish(run);
    const line = h.logs.find((l) => l.message === "fetched");
    expect(line).toMatchObject({ level: "info", runId: run.runId, stepKey: "l", attempt: 1, data: { rows: 3 } });
    expect(h.logs.find((l) => l.message === "slow page")).toMatchObject({ page: 2, level: "warn" });
    expect(run.events.filter((e) => e.type === "log").map((e) => (e as { message: string }).message)).toEqual(["fetched", "slow page"]);
  });

  it("runs a sub-flow as a linked child run", async () => {
    const parentNode = scriptedNode("test.parent", (ctx) => ctx.runFlow("child-flow", { x: 2 }));
    const h = harness([parentNode.def], {
      flows: {
        load: (ref) =>
          Promise.resolve(
            ref === "child-flow"
              ? {
                  document: flow(
                    [
                      { id: "t", type: "test.trigger" },
                      { id: "plus", type: "test.add", config: { n: "{{ params.x * 10 }}" } },
                    ],
                    [{ source: "t", target: "plus" }],
                  ),
                  flowId: "flow_child",
                }
              : null,
          ),
      },
    });
    const run = await h.start(flow([{ id: "p", type: "test.parent" }]));
    const record = await h.finish(run);
    const result = (record.output as { p: { runId: string; state: string; output: unknown } }).p;
    expect(result.state).toBe("completed");
    expect(result.output).toEqual({ plus: 20 });
    const child = await h.store.getRun(result.runId);
    expect(child).toMatchObject({ parentRunId: run.runId, flowId: "flow_child", trigger: { kind: "subflow", id: run.runId } });
  });

  it("crashes a run whose store fails, and says so", async () => {
    const h = harness();
    h.store.saveStep = () => Promise.reject(new Error("disk full"));
    const run = await h.start(chain(["a", "b"]));
    const record = await h.finish(run);
    expect(record.state).toBe("crashed");
    expect(record.error?.message).toBe("disk full");
  });
});

describe("shutdown and resume", () => {
  it("waits for runs within the grace period, then leaves the rest resumable for another process", async () => {
    const first = scriptedNode("test.first", () => Promise.resolve("first done"), { sideEffect: true });
    const slow = sleeper(60_000);
    const quick = sleeper(500);
    const h = harness([first.def, slow.def]);
    const doc = flow(
      [
        { id: "first", type: "test.first" },
        { id: "s", type: "test.sleep" },
      ],
      [{ source: "first", target: "s" }],
    );
    const run = await h.start(doc);
    await h.clock.advance(100);
    const down = h.engine.shutdown(1_000);
    await h.clock.advance(1_000);
    await down;
    const stored = await h.store.getRun(run.runId);
    expect(stored?.state).toBe("pending");
    expect((await h.store.listSteps(run.runId)).map((s) => `${s.key}:${s.state}`)).toEqual(["first:completed"]);
    await expect(h.engine.startRun(doc)).rejects.toThrow(/shutting down/);

    // Another engine on the same store picks the run up; the completed side-effect step is not repeated.
    const other = createEngine({
      registry: testRegistry([first.def, quick.def]),
      store: h.store,
      clock: h.clock,
      logger: createLogger({ write: silentWriter }),
      heartbeatMs: 0,
    });
    const resumed = await other.resumeRun(run.runId);
    const record = await driveUntil(h.clock, resumed.done);
    expect(record.state).toBe("completed");
    expect(first.calls).toHaveLength(1);
    expect(record.output).toEqual({ s: "woke" });
  });

  it("finishes runs that end within the grace period", async () => {
    const quick = sleeper(500);
    const h = harness([quick.def]);
    const run = await h.start(flow([{ id: "s", type: "test.sleep" }]));
    const down = h.engine.shutdown(1_000);
    await h.clock.advance(600);
    await down;
    expect((await run.done).state).toBe("completed");
  });
});

describe("cancel before start", () => {
  it("ends a run cancelled right after it was started without running any step", async () => {
    const node = sleeper(10);
    const h = harness([node.def]);
    // Hold the run between "created" and "running" while it is cancelled.
    const held = gate();
    const update = h.store.updateRun.bind(h.store);
    h.store.updateRun = async (id, patch) => {
      if (patch.state === "running") await held.promise;
      return update(id, patch);
    };
    const run = await h.start(flow([{ id: "s", type: "test.sleep" }]));
    expect(h.engine.cancel(run.runId)).toBe(true);
    held.open();
    const record = await h.finish(run);
    expect(record.state).toBe("cancelled");
    expect(node.calls).toHaveLength(0);
  });
});
