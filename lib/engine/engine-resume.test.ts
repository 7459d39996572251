import { describe, expect, it } from "vitest";
import { NonRetryableError } from "./errors";
import { createEngine } from "./engine";
import { EVENT_BATCH_DELAY_MS } from "./events";
import { createLogger, silentWriter } from "./logger";
import { flow, testRegistry } from "./test-helpers/nodes";
import { harness, driveUntil } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";
import type { AnyNodeDefinition } from "./node-definition";
import type { Harness } from "./test-helpers/harness";

/** A second engine on the same store and clock: "another process". */
const otherProcess = (h: Harness, defs: AnyNodeDefinition[]) =>
  createEngine({
    registry: testRegistry(defs),
    store: h.store,
    clock: h.clock,
    logger: createLogger({ write: silentWriter }),
    heartbeatMs: 0,
  });

describe("resume", () => {
  it("continues a run whose process died, replaying completed steps and never repeating a side effect", async () => {
    const charge = scriptedNode("test.charge", () => Promise.resolve({ charged: 100 }), { sideEffect: true });
    const email = scriptedNode("test.email", (_ctx, input) => Promise.resolve({ sent: input }), { sideEffect: true });
    let alive = true;
    const last = scriptedNode("test.last", (_ctx, input) => (alive ? new Promise(() => {}) : Promise.resolve({ done: input })));
    const defs = [charge.def, email.def, last.def];
    const h = harness(defs);
    const doc = flow(
      [
        { id: "charge", type: "test.charge" },
        { id: "email", type: "test.email" },
        { id: "last", type: "test.last" },
      ],
      [
        { source: "charge", target: "email" },
        { source: "email", target: "last" },
      ],
    );
    const run = await h.start(doc);
    for (let i = 0; i < 50 && last.calls.length === 0; i++) await new Promise<void>((r) => setImmediate(r));
    expect(last.calls).toHaveLength(1);
    // The first process is gone (its run never finishes); another one resumes from the store.
    // What it had written by then is all there is: let its last event batch land first.
    await new Promise((r) => setTimeout(r, EVENT_BATCH_DELAY_MS + 20));
    alive = false;
    const resumed = await otherProcess(h, defs).resumeRun(run.runId);
    const record = await driveUntil(h.clock, resumed.done);
    expect(record.state).toBe("completed");
    expect(charge.calls).toHaveLength(1);
    expect(email.calls).toHaveLength(1);
    expect(last.calls).toHaveLength(2);
    expect(record.output).toEqual({ last: { done: { sent: { charged: 100 } } } });
    // Events continue the stored sequence.
    const seqs = (await h.store.listEvents(run.runId, 0)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it("finds a sub-flow's child run again when the parent step is resumed, instead of starting another", async () => {
    const charge = scriptedNode("test.charge", () => Promise.resolve("charged"), { sideEffect: true });
    let alive = true;
    const hang = scriptedNode("test.hang", () => (alive ? new Promise(() => {}) : Promise.resolve("child done")));
    const parent = scriptedNode("test.parent", (ctx) => ctx.runFlow("child", { from: ctx.run.id }));
    const defs = [charge.def, hang.def, parent.def];
    const childDoc = flow(
      [
        { id: "charge", type: "test.charge" },
        { id: "hang", type: "test.hang" },
      ],
      [{ source: "charge", target: "hang" }],
    );
    const flows = { load: () => Promise.resolve({ document: childDoc, flowId: "flow_child" }) };
    const h = harness(defs, { flows });
    const run = await h.start(flow([{ id: "p", type: "test.parent" }]));
    for (let i = 0; i < 100 && hang.calls.length === 0; i++) await new Promise<void>((r) => setImmediate(r));
    expect(hang.calls).toHaveLength(1);
    alive = false;
    const other = createEngine({
      registry: testRegistry(defs),
      store: h.store,
      clock: h.clock,
      flows,
      logger: createLogger({ write: silentWriter }),
      heartbeatMs: 0,
    });
    const record = await driveUntil(h.clock, (await other.resumeRun(run.runId)).done);
    expect(record.state).toBe("completed");
    const result = (record.output as { p: { runId: string; state: string; output: unknown } }).p;
    expect(result).toEqual({ runId: `${run.runId}.p.1.1`, state: "completed", output: { hang: "child done" } });
    expect(charge.calls).toHaveLength(1);
    expect(parent.calls).toHaveLength(2);
  });

  it("returns a finished run as it is", async () => {
    const h = harness();
    const run = await h.start(flow([{ id: "a", type: "test.echo", config: { value: 1 } }]));
    await h.finish(run);
    const again = await h.engine.resumeRun(run.runId);
    expect((await again.done).state).toBe("completed");
    await expect(h.engine.resumeRun("nope")).rejects.toThrow(/not found/);
  });
});

describe("retry from failure", () => {
  it("starts attempt 2 of the same run, reusing every completed step before the failed node", async () => {
    const charge = scriptedNode("test.charge", () => Promise.resolve("charged"), { sideEffect: true });
    const side = scriptedNode("test.side", () => Promise.resolve("side done"), { sideEffect: true });
    let broken = true;
    const flaky = scriptedNode("test.flaky", (_ctx, input) =>
      broken ? Promise.reject(new NonRetryableError("vendor down")) : Promise.resolve(`after ${String(input)}`),
    );
    const h = harness([charge.def, side.def, flaky.def]);
    const doc = flow(
      [
        { id: "charge", type: "test.charge" },
        { id: "flaky", type: "test.flaky" },
        { id: "notify", type: "test.echo" },
        { id: "side", type: "test.side" },
      ],
      [
        { source: "charge", target: "flaky" },
        { source: "flaky", target: "notify" },
        { source: "charge", target: "side" },
      ],
    );
    const run = await h.start(doc);
    const failed = await h.finish(run);
    expect(failed.state).toBe("failed");
    await expect(h.engine.retryFromFailure("nope")).rejects.toThrow(/not found/);

    broken = false;
    const retried = await h.engine.retryFromFailure(run.runId);
    expect(retried.runId).toBe(run.runId);
    const record = await driveUntil(h.clock, retried.done);
    expect(record).toMatchObject({ state: "completed", attempt: 2, output: { notify: "after charged", side: "side done" } });
    expect(record.error).toBeUndefined();
    expect(charge.calls).toHaveLength(1);
    expect(side.calls).toHaveLength(1);
    expect(flaky.calls).toHaveLength(2);
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("flaky")?.state).toBe("completed");

    await expect(h.engine.retryFromFailure(run.runId)).rejects.toThrow(
      /is completed; only failed, crashed or cancelled runs can be retried/,
    );
  });

  it("reuses completed elements of a mapped side-effect node", async () => {
    let failAt = 3;
    const send = scriptedNode(
      "test.send",
      (_ctx, input) =>
        input === failAt ? Promise.reject(new NonRetryableError(`no ${String(input)}`)) : Promise.resolve(`sent ${String(input)}`),
      { sideEffect: true },
    );
    const h = harness([send.def]);
    const doc = flow(
      [
        { id: "rows", type: "test.echo", config: { value: [0, 1, 2, 3, 4] } },
        { id: "send", type: "test.send", settings: { mapOver: "{{ nodes.rows.output }}" } },
      ],
      [{ source: "rows", target: "send" }],
    );
    const run = await h.start(doc);
    expect((await h.finish(run)).state).toBe("failed");
    expect(send.calls.map((c) => c.stepKey)).toEqual(["send[0]", "send[1]", "send[2]", "send[3]"]);
    failAt = -1;
    const record = await driveUntil(h.clock, (await h.engine.retryFromFailure(run.runId)).done);
    expect(record.output).toEqual({ send: ["sent 0", "sent 1", "sent 2", "sent 3", "sent 4"] });
    expect(send.calls.map((c) => c.stepKey)).toEqual(["send[0]", "send[1]", "send[2]", "send[3]", "send[3]", "send[4]"]);
  });

  it("re-runs pure steps downstream of a step that ran again, but never a completed side effect", async () => {
    let firstAttempt = true;
    const fetchy = scriptedNode("test.fetchy", () =>
      firstAttempt ? Promise.reject(new NonRetryableError("blip")) : Promise.resolve("fresh"),
    );
    const pure = scriptedNode("test.pure", (_ctx, input) => Promise.resolve(`pure(${String(input)})`));
    const write = scriptedNode("test.write", (_ctx, input) => Promise.resolve(`wrote(${String(input)})`), { sideEffect: true });
    const gate = scriptedNode("test.gate", () =>
      firstAttempt ? Promise.reject(new NonRetryableError("gate closed")) : Promise.resolve("open"),
    );
    const h = harness([fetchy.def, pure.def, write.def, gate.def]);
    const doc = flow(
      [
        { id: "fetchy", type: "test.fetchy", settings: { onError: "continue" } },
        { id: "pure", type: "test.pure" },
        { id: "write", type: "test.write" },
        { id: "gate", type: "test.gate" },
      ],
      [
        { source: "fetchy", target: "pure" },
        { source: "fetchy", target: "write" },
      ],
    );
    const run = await h.start(doc);
    expect((await h.finish(run)).state).toBe("failed");
    firstAttempt = false;
    const record = await driveUntil(h.clock, (await h.engine.retryFromFailure(run.runId)).done);
    expect(record.output).toEqual({ pure: "pure(fresh)", write: "wrote(null)", gate: "open" });
    expect(pure.calls).toHaveLength(2);
    expect(write.calls).toHaveLength(1);
  });
});
