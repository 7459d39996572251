import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineNode } from "./node-definition";
import { flow } from "./test-helpers/nodes";
import { gate, harness } from "./test-helpers/harness";
import type { EngineEvent } from "./engine-api";

/** Waits (in real event-loop turns, no timers) until `check` holds. */
async function until(check: () => boolean, turns = 1000): Promise<boolean> {
  for (let i = 0; i < turns; i++) {
    if (check()) return true;
    await new Promise<void>((r) => setImmediate(r));
  }
  return check();
}

const stepStates = (events: EngineEvent[]) =>
  events.filter((e): e is Extract<EngineEvent, { type: "step.state" }> => e.type === "step.state").map((e) => `${e.stepKey}:${e.state}`);

describe("scheduling", () => {
  it("runs independent branches at the same time", async () => {
    const started: string[] = [];
    const ended: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const release = gate();
    const slow = defineNode({
      type: "test.slow",
      version: 1,
      title: "Slow",
      description: "Waits for the test to release it",
      category: "data",
      icon: "clock",
      config: z.object({}).strict(),
      output: z.string(),
      ports: ["out"],
      sideEffect: false,
      async run(ctx) {
        started.push(ctx.nodeId);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await release.promise;
        inFlight--;
        ended.push(ctx.nodeId);
        return ctx.nodeId;
      },
    });
    const h = harness([slow]);
    const doc = flow(
      [
        { id: "start", type: "test.trigger" },
        { id: "left", type: "test.slow" },
        { id: "right", type: "test.slow" },
        { id: "join", type: "test.merge" },
      ],
      [
        { source: "start", target: "left" },
        { source: "start", target: "right" },
        { source: "left", target: "join" },
        { source: "right", target: "join" },
      ],
    );
    const run = await h.start(doc);
    const bothStarted = await until(() => started.length === 2);
    expect(bothStarted).toBe(true);
    expect(ended).toEqual([]);
    release.open();
    const record = await h.finish(run);
    expect(maxInFlight).toBe(2);
    expect(record.state).toBe("completed");
    expect(record.output).toEqual({ join: { left: "left", right: "right" } });
  });

  it("skips untaken branches and everything below them with no other live input", async () => {
    const h = harness();
    const doc = flow(
      [
        { id: "start", type: "test.trigger" },
        { id: "check", type: "test.if", config: { condition: true } },
        { id: "yes", type: "test.echo", config: { value: "Y" } },
        { id: "no", type: "test.echo", config: { value: "N" } },
        { id: "belowNo", type: "test.echo" },
        { id: "deeper", type: "test.echo" },
        { id: "join", type: "test.merge" },
      ],
      [
        { source: "start", target: "check" },
        { source: "check", sourcePort: "true", target: "yes" },
        { source: "check", sourcePort: "false", target: "no" },
        { source: "no", target: "belowNo" },
        { source: "belowNo", target: "deeper" },
        { source: "yes", target: "join" },
        { source: "deeper", target: "join" },
      ],
    );
    const run = await h.start(doc, { params: { p: 1 } });
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("no")?.state).toBe("skipped");
    expect(steps.get("belowNo")?.state).toBe("skipped");
    expect(steps.get("deeper")?.state).toBe("skipped");
    expect(steps.get("yes")?.state).toBe("completed");
    // The merge runs on its one live input, and sees only that one.
    expect(steps.get("join")?.state).toBe("completed");
    expect(steps.get("join")?.output).toEqual({ yes: "Y" });
    expect(steps.get("check")?.ports).toEqual({ true: { p: 1 } });
    expect(stepStates(run.events)).toContain("deeper:skipped");
  });

  it("routes by config-dependent ports", async () => {
    const h = harness();
    const doc = flow(
      [
        { id: "s", type: "test.switch", config: { cases: ["red", "blue"], value: "blue" } },
        { id: "red", type: "test.echo", config: { value: "r" } },
        { id: "blue", type: "test.echo", config: { value: "b" } },
      ],
      [
        { source: "s", sourcePort: "case:red", target: "red" },
        { source: "s", sourcePort: "case:blue", target: "blue" },
      ],
    );
    const record = await h.finish(await h.start(doc));
    expect(record.output).toEqual({ blue: "b" });
  });

  it("passes the input through a disabled node", async () => {
    const h = harness();
    const doc = flow(
      [
        { id: "a", type: "test.echo", config: { value: 1 } },
        { id: "b", type: "test.add", config: { n: 100 }, settings: { disabled: true } },
        { id: "c", type: "test.add", config: { n: 1 } },
      ],
      [
        { source: "a", target: "b" },
        { source: "b", target: "c" },
      ],
    );
    const run = await h.start(doc);
    const record = await h.finish(run);
    expect(record.output).toEqual({ c: 2 });
    expect((await h.store.listSteps(run.runId)).find((s) => s.key === "b")?.state).toBe("skipped");
  });

  it("records run and step states in order, and persists every step when it ends", async () => {
    const h = harness();
    const saved: string[] = [];
    const save = h.store.saveStep.bind(h.store);
    h.store.saveStep = (step) => {
      saved.push(`${step.key}:${step.state}`);
      return save(step);
    };
    const doc = flow(
      [
        { id: "a", type: "test.echo", config: { value: 1 } },
        { id: "b", type: "test.add", config: { n: 1 } },
      ],
      [{ source: "a", target: "b" }],
    );
    const run = await h.start(doc);
    const record = await h.finish(run);
    expect(run.events.filter((e) => e.type === "run.state").map((e) => (e as { state: string }).state)).toEqual([
      "pending",
      "running",
      "completed",
    ]);
    expect(stepStates(run.events)).toEqual(["a:running", "a:completed", "b:running", "b:completed"]);
    expect(saved).toEqual(["a:completed", "b:completed"]);
    expect(record.startedAt).toBeDefined();
    expect(record.finishedAt).toBeDefined();
    const stored = await h.store.listEvents(run.runId, 0);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.map((e) => e.type)).toEqual(run.events.map((e) => e.type));
  });

  it("a late subscriber still sees the whole stream", async () => {
    const h = harness();
    const handle = await h.engine.startRun(flow([{ id: "a", type: "test.echo", config: { value: 1 } }]));
    await h.finish(handle);
    const seen: string[] = [];
    handle.subscribe((e) => seen.push(e.type));
    expect(seen).toEqual(["run.state", "run.state", "step.state", "step.state", "run.state"]);
  });

  it("a failed node stops only what depends on it; independent branches finish", async () => {
    const boom = defineNode({
      type: "test.boom",
      version: 1,
      title: "Boom",
      description: "Always fails",
      category: "data",
      icon: "x",
      config: z.object({}).strict(),
      output: z.unknown(),
      ports: ["out"],
      sideEffect: false,
      run: () => Promise.reject(new Error("kaput")),
    });
    const h = harness([boom]);
    const doc = flow(
      [
        { id: "start", type: "test.trigger" },
        { id: "bad", type: "test.boom" },
        { id: "afterBad", type: "test.echo" },
        { id: "good", type: "test.echo", config: { value: "fine" } },
      ],
      [
        { source: "start", target: "bad" },
        { source: "bad", target: "afterBad" },
        { source: "start", target: "good" },
      ],
    );
    const run = await h.start(doc);
    const record = await h.finish(run);
    expect(record.state).toBe("failed");
    expect(record.error?.message).toBe('Node "bad" failed: kaput');
    expect(record.error?.details).toMatchObject({ nodeId: "bad" });
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("good")?.state).toBe("completed");
    expect(steps.has("afterBad")).toBe(false);
  });

  it("rejects an invalid document at run start with every problem", async () => {
    const h = harness();
    const doc = flow([{ id: "a", type: "test.add", config: { n: "x" } }], [{ source: "a", target: "zz" }]);
    await expect(h.engine.startRun(doc)).rejects.toMatchObject({
      category: "validation",
      problems: [
        { path: ["nodes", 0, "config", "n"], message: expect.any(String) as string },
        { path: ["edges", 0, "target"], message: 'unknown node "zz"' },
      ],
    });
    expect(h.store.size()).toBe(0);
  });

  it("checks run parameters against the flow's parameters", async () => {
    const h = harness();
    const doc = flow([{ id: "t", type: "test.trigger" }], [], {
      parameters: { email: { type: "string", format: "email", required: true }, n: { type: "integer", default: 7 } },
    });
    await expect(h.engine.startRun(doc, { params: {} })).rejects.toThrow(/params\.email is required/);
    await expect(h.engine.startRun(doc, { params: { email: "nope" } })).rejects.toThrow(/params\.email must be an email address/);
    const record = await h.finish(await h.start(doc, { params: { email: "a@b.co" } }));
    expect(record.output).toEqual({ t: { email: "a@b.co", n: 7 } });
  });
});
