import { describe, expect, it } from "vitest";
import { NonRetryableError } from "./errors";
import type { EngineEvent } from "./engine-api";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";
import { routed } from "./node-definition";
import type { NodeSettings } from "./flow-document";

const mapped = (settings: NodeSettings, config: Record<string, unknown> = {}) =>
  flow(
    [
      { id: "rows", type: "test.echo", config: { value: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }] } },
      { id: "each", type: "test.scripted", config, settings: { mapOver: "{{ nodes.rows.output }}", ...settings } },
    ],
    [{ source: "rows", target: "each" }],
  );

describe("mapOver", () => {
  it("runs once per element with item/index, keys steps id[index], outputs the array in order", async () => {
    const node = scriptedNode("test.scripted", async (ctx, input) => {
      await ctx.clock.sleep(10 * (5 - (ctx.mapIndex ?? 0)), ctx.signal);
      return { doubled: (input as { n: number }).n * 2, label: ctx.stepKey };
    });
    const h = harness([node.def]);
    const run = await h.start(mapped({ mapConcurrency: 5 }, { label: "{{ 'row ' & index & ':' & item.n }}" }));
    const record = await h.finish(run);
    expect(record.output).toEqual({ each: [1, 2, 3, 4, 5].map((n, i) => ({ doubled: n * 2, label: `each[${i}]` })) });
    expect(node.calls.map((c) => c.stepKey).sort()).toEqual(["each[0]", "each[1]", "each[2]", "each[3]", "each[4]"]);
    const steps = await h.store.listSteps(run.runId);
    expect(
      steps
        .filter((s) => s.nodeId === "each" && s.mapIndex !== undefined)
        .map((s) => s.key)
        .sort(),
    ).toEqual(["each[0]", "each[1]", "each[2]", "each[3]", "each[4]"]);
    expect(steps.find((s) => s.key === "each")?.state).toBe("completed");
    const progress = run.events.filter((e): e is Extract<EngineEvent, { type: "step.progress" }> => e.type === "step.progress");
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(["1/5", "2/5", "3/5", "4/5", "5/5"]);
  });

  it("resolves item/index in config per element", async () => {
    const node = scriptedNode("test.scripted", (_ctx, _input) => Promise.resolve(null));
    const seen: unknown[] = [];
    const spy = {
      ...node.def,
      run: (ctx: Parameters<typeof node.def.run>[0], config: { label?: string }, input: unknown) => {
        seen.push(config.label);
        return node.def.run(ctx, config, input);
      },
    };
    const h = harness([spy]);
    await h.finish(await h.start(mapped({}, { label: "{{ index }}-{{ item.n }}" })));
    expect(seen).toEqual(["0-1", "1-2", "2-3", "3-4", "4-5"]);
  });

  it("never has more than mapConcurrency elements in flight", async () => {
    let inFlight = 0;
    let max = 0;
    const node = scriptedNode("test.scripted", async (ctx) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await ctx.clock.sleep(100 + ((ctx.mapIndex ?? 0) % 3) * 7, ctx.signal);
      inFlight--;
      return ctx.mapIndex;
    });
    const h = harness([node.def]);
    const doc = flow(
      [
        { id: "rows", type: "test.echo", config: { value: Array.from({ length: 40 }, (_, i) => i) } },
        { id: "each", type: "test.scripted", settings: { mapOver: "{{ nodes.rows.output }}", mapConcurrency: 3 } },
      ],
      [{ source: "rows", target: "each" }],
    );
    const record = await h.finish(await h.start(doc));
    expect(max).toBe(3);
    expect(record.output).toEqual({ each: Array.from({ length: 40 }, (_, i) => i) });
  });

  it("with onError continue, failed elements yield an error entry", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) =>
      (input as { n: number }).n % 2 === 0
        ? Promise.reject(new NonRetryableError(`even ${(input as { n: number }).n}`))
        : Promise.resolve("ok"),
    );
    const h = harness([node.def]);
    const run = await h.start(mapped({ onError: "continue" }));
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    expect(record.output).toEqual({
      each: [
        "ok",
        { error: { name: "NonRetryableError", message: "even 2", category: "non_retryable" } },
        "ok",
        { error: { name: "NonRetryableError", message: "even 4", category: "non_retryable" } },
        "ok",
      ],
    });
    const failedElement = (await h.store.listSteps(run.runId)).find((s) => s.key === "each[1]");
    expect(failedElement).toMatchObject({ state: "failed", mapIndex: 1, error: { message: "even 2" } });
  });

  it("with onError fail, the first failed element fails the node and stops new elements", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) =>
      (input as { n: number }).n === 2 ? Promise.reject(new NonRetryableError("two")) : Promise.resolve("ok"),
    );
    const h = harness([node.def]);
    const record = await h.finish(await h.start(mapped({ mapConcurrency: 1 })));
    expect(record.state).toBe("failed");
    expect(record.error?.message).toBe('Node "each" failed: Element 1: two');
    expect(node.calls).toHaveLength(2);
  });

  it("with onError route, failures go to the error port and successes to out", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) =>
      (input as { n: number }).n > 3 ? Promise.reject(new NonRetryableError("big")) : Promise.resolve((input as { n: number }).n),
    );
    const h = harness([node.def]);
    const doc = mapped({ onError: "route" });
    doc.nodes.push({ id: "good", type: "test.echo", typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
    doc.nodes.push({ id: "bad", type: "test.echo", typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
    doc.edges.push({ id: "g", source: "each", sourcePort: "out", target: "good", targetPort: "in" });
    doc.edges.push({ id: "b", source: "each", sourcePort: "error", target: "bad", targetPort: "in" });
    const record = await h.finish(await h.start(doc));
    expect(record.output).toEqual({
      good: [1, 2, 3],
      bad: [
        { index: 3, item: { n: 4 }, name: "NonRetryableError", message: "big", category: "non_retryable" },
        { index: 4, item: { n: 5 }, name: "NonRetryableError", message: "big", category: "non_retryable" },
      ],
    });
  });

  it("collects routed element values per port", async () => {
    const node = scriptedNode(
      "test.scripted",
      (_ctx, input) => Promise.resolve(routed(input, { [(input as { n: number }).n > 2 ? "big" : "small"]: input })),
      {
        ports: ["big", "small"],
      },
    );
    const h = harness([node.def]);
    const doc = mapped({});
    doc.nodes.push({ id: "bigs", type: "test.echo", typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
    doc.edges.push({ id: "x", source: "each", sourcePort: "big", target: "bigs", targetPort: "in" });
    const record = await h.finish(await h.start(doc));
    expect(record.output).toEqual({ bigs: [{ n: 3 }, { n: 4 }, { n: 5 }] });
  });

  it("treats an empty match as no elements and a single value as one", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) => Promise.resolve(input));
    const h = harness([node.def]);
    const none = mapped({ mapOver: "{{ nodes.rows.output[n > 10] }}" });
    expect((await h.finish(await h.start(none))).output).toEqual({ each: [] });
    const single = mapped({ mapOver: "{{ nodes.rows.output[n = 3] }}" });
    expect((await h.finish(await h.start(single))).output).toEqual({ each: [{ n: 3 }] });
  });

  it("in large maps of pure nodes stores only notable elements", async () => {
    const node = scriptedNode("test.scripted", (_ctx, input) =>
      input === 7 ? Promise.reject(new NonRetryableError("seven")) : Promise.resolve(input),
    );
    const h = harness([node.def], { mapElementRecordLimit: 10 });
    const doc = flow(
      [
        { id: "rows", type: "test.echo", config: { value: Array.from({ length: 50 }, (_, i) => i) } },
        { id: "each", type: "test.scripted", settings: { mapOver: "{{ nodes.rows.output }}", onError: "continue" } },
      ],
      [{ source: "rows", target: "each" }],
    );
    const run = await h.start(doc);
    await h.finish(run);
    const keys = (await h.store.listSteps(run.runId)).map((s) => s.key);
    expect(keys.sort()).toEqual(["each", "each[7]", "rows"]);
    const progress = run.events.filter((e) => e.type === "step.progress");
    expect(progress.length).toBe(50);
  });
});
