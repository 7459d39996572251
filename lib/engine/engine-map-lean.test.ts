import { describe, expect, it } from "vitest";
import { NonRetryableError, ServerError } from "./errors";
import type { EngineEvent } from "./engine-api";
import type { NodeSettings } from "./flow-document";
import { routed } from "./node-definition";
import { flow } from "./test-helpers/nodes";
import { gate, harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

/**
 * Large maps of plain pure nodes run each element's first attempt on the lean path (no
 * outcome, record or event per element). Whatever happens after a failed first attempt must
 * be what the full path does.
 */

const ROWS = 30;
const LIMIT = 5;

const largeMap = (settings: NodeSettings = {}) =>
  flow(
    [
      { id: "rows", type: "test.echo", config: { value: Array.from({ length: ROWS }, (_, i) => i) } },
      { id: "each", type: "test.scripted", settings: { mapOver: "{{ nodes.rows.output }}", mapConcurrency: 4, ...settings } },
    ],
    [{ source: "rows", target: "each" }],
  );

const stateEvents = (events: EngineEvent[], key: string) =>
  events.filter((e): e is Extract<EngineEvent, { type: "step.state" }> => e.type === "step.state" && e.stepKey === key);

describe("mapOver, lean elements", () => {
  it("an element that fails its first attempt and succeeds on retry is recorded with both attempts", async () => {
    const failedOnce = new Set<number>();
    const node = scriptedNode("test.scripted", (ctx, input) => {
      const n = input as number;
      if (n === 3 && !failedOnce.has(n)) {
        failedOnce.add(n);
        return Promise.reject(new ServerError("flaky", { status: 503 }));
      }
      return Promise.resolve(n * 10);
    });
    const h = harness([node.def], { mapElementRecordLimit: LIMIT });
    const run = await h.start(largeMap({ retries: 2, retryDelaySeconds: 0.1 }));
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    expect(record.output).toEqual({ each: Array.from({ length: ROWS }, (_, i) => i * 10) });
    const steps = await h.store.listSteps(run.runId);
    expect(steps.map((s) => s.key).sort()).toEqual(["each", "each[3]", "rows"]);
    const element = steps.find((s) => s.key === "each[3]")!;
    expect(element).toMatchObject({ state: "completed", mapIndex: 3, input: 3, output: 30 });
    expect(element.attempts.map((a) => [a.attempt, a.error?.message])).toEqual([
      [1, "flaky"],
      [2, undefined],
    ]);
    expect(node.calls.filter((c) => c.stepKey === "each[3]").map((c) => c.attempt)).toEqual([1, 2]);
    const retry = run.events.find((e) => e.type === "step.retry");
    expect(retry).toMatchObject({ stepKey: "each[3]", attempt: 1, delayMs: 100 });
    expect(stateEvents(run.events, "each[3]").map((e) => e.state)).toEqual(["completed"]);
    // Elements that succeeded at once leave no event of their own.
    expect(stateEvents(run.events, "each[4]")).toEqual([]);
  });

  it("an element that keeps failing is recorded as failed with every attempt (onError continue)", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) =>
      input === 8 ? Promise.reject(new ServerError("down", { status: 503 })) : Promise.resolve(input),
    );
    const h = harness([node.def], { mapElementRecordLimit: LIMIT });
    const run = await h.start(largeMap({ retries: 1, retryDelaySeconds: 0.05, onError: "continue" }));
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    const out = (record.output as { each: unknown[] }).each;
    expect(out[8]).toMatchObject({ error: { name: "ServerError", message: "down", category: "server_error" } });
    expect(out[9]).toBe(9);
    const element = (await h.store.listSteps(run.runId)).find((s) => s.key === "each[8]")!;
    expect(element.state).toBe("failed");
    expect(element.attempts).toHaveLength(2);
  });

  it("a thrown (not rejected) error and a non-retryable one fail the node like the full path", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) => {
      if (input === 2) throw new NonRetryableError("thrown two");
      return Promise.resolve(input);
    });
    const h = harness([node.def], { mapElementRecordLimit: LIMIT });
    const record = await h.finish(await h.start(largeMap({ retries: 3, mapConcurrency: 1 })));
    expect(record.state).toBe("failed");
    expect(record.error?.message).toBe('Node "each" failed: Element 2: thrown two');
    expect(node.calls.filter((c) => c.stepKey === "each[2]")).toHaveLength(1);
  });

  it("collects routed results on the lean path", async () => {
    const node = scriptedNode(
      "test.scripted",
      (_ctx, input) => Promise.resolve(routed(input, { [(input as number) % 2 === 0 ? "even" : "odd"]: input })),
      { ports: ["even", "odd"] },
    );
    const h = harness([node.def], { mapElementRecordLimit: LIMIT });
    const doc = largeMap();
    doc.nodes.push({ id: "evens", type: "test.echo", typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
    doc.edges.push({ id: "x", source: "each", sourcePort: "even", target: "evens", targetPort: "in" });
    const record = await h.finish(await h.start(doc));
    expect(record.output).toEqual({ evens: Array.from({ length: ROWS / 2 }, (_, i) => i * 2) });
  });

  it("a cancel ends the map even when an element never settles", async () => {
    const never = gate();
    const started = gate();
    const node = scriptedNode("test.scripted", (_ctx, input) => {
      if (input === 5) {
        started.open();
        return never.promise;
      }
      return Promise.resolve(input);
    });
    const h = harness([node.def], { mapElementRecordLimit: LIMIT });
    const run = await h.start(largeMap({ mapConcurrency: 1 }));
    await started.promise;
    expect(h.engine.cancel(run.runId)).toBe(true);
    const record = await h.finish(run);
    expect(record.state).toBe("cancelled");
    expect(node.calls).toHaveLength(6);
    const parent = (await h.store.listSteps(run.runId)).find((s) => s.key === "each");
    expect(parent?.state).toBe("failed");
  });

  it("side-effect nodes still record every element", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) => Promise.resolve(input), { sideEffect: true });
    const h = harness([node.def], { mapElementRecordLimit: LIMIT });
    const run = await h.start(largeMap());
    await h.finish(run);
    const elements = (await h.store.listSteps(run.runId)).filter((s) => s.mapIndex !== undefined);
    expect(elements).toHaveLength(ROWS);
    expect(elements.every((s) => s.state === "completed" && s.attempts.length === 1)).toBe(true);
  });
});
