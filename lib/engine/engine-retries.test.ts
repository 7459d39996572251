import { describe, expect, it } from "vitest";
import { AuthError, RateLimitedError, ServerError, TimeoutError, ValidationError } from "./errors";
import type { EngineEvent } from "./engine-api";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";
import type { NodeSettings } from "./flow-document";

const one = (settings: NodeSettings) => flow([{ id: "n", type: "test.scripted", settings }]);
const retries = (events: EngineEvent[]) => events.filter((e): e is Extract<EngineEvent, { type: "step.retry" }> => e.type === "step.retry");

describe("retries", () => {
  it("waits the fixed delay between attempts and records every attempt", async () => {
    const node = scriptedNode("test.scripted", (_ctx, _input, call) =>
      call < 3 ? Promise.reject(new ServerError(`down ${call}`, { status: 503 })) : Promise.resolve("ok"),
    );
    const h = harness([node.def]);
    const t0 = h.clock.now();
    const run = await h.start(one({ retries: 3, retryDelaySeconds: 2 }));
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    expect(node.calls.map((c) => c.at - t0)).toEqual([0, 2000, 4000]);
    expect(node.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const step = (await h.store.listSteps(run.runId))[0]!;
    expect(step.attempts.map((a) => [a.attempt, a.error?.message, a.error?.category])).toEqual([
      [1, "down 1", "server_error"],
      [2, "down 2", "server_error"],
      [3, undefined, undefined],
    ]);
    expect(retries(run.events).map((e) => [e.attempt, e.delayMs, e.error.category])).toEqual([
      [1, 2000, "server_error"],
      [2, 2000, "server_error"],
    ]);
    expect(run.events.some((e) => e.type === "step.state" && e.state === "retrying")).toBe(true);
  });

  it("backs off exponentially with jitter inside its bounds", async () => {
    for (const [random, expected] of [
      [0, [500, 1000, 2000]],
      [0.999999, [1500, 3000, 6000]],
    ] as const) {
      const node = scriptedNode("test.scripted", () => Promise.reject(new Error("flaky")));
      const h = harness([node.def], { random: () => random });
      const run = await h.start(one({ retries: 3, retryDelaySeconds: 1, backoff: "exponential", jitter: 0.5 }));
      await h.finish(run);
      const gaps = node.calls.slice(1).map((c, i) => c.at - node.calls[i]!.at);
      expect(gaps).toEqual(expected);
    }
    const node = scriptedNode("test.scripted", () => Promise.reject(new Error("flaky")));
    const h = harness([node.def], { random: Math.random });
    await h.finish(await h.start(one({ retries: 6, retryDelaySeconds: 1, backoff: "exponential", jitter: 0.25 })));
    node.calls.slice(1).forEach((c, i) => {
      const base = 1000 * 2 ** i;
      const gap = c.at - node.calls[i]!.at;
      expect(gap).toBeGreaterThanOrEqual(base * 0.75);
      expect(gap).toBeLessThanOrEqual(base * 1.25);
    });
  });

  it("waits at least the server's Retry-After", async () => {
    const node = scriptedNode("test.scripted", (_c, _i, call) =>
      call === 1 ? Promise.reject(new RateLimitedError("429", { retryAfterMs: 30_000 })) : Promise.resolve("ok"),
    );
    const h = harness([node.def]);
    const run = await h.start(one({ retries: 2, retryDelaySeconds: 1 }));
    expect((await h.finish(run)).state).toBe("completed");
    expect(node.calls[1]!.at - node.calls[0]!.at).toBe(30_000);
    expect(retries(run.events)[0]?.delayMs).toBe(30_000);
  });

  it("never retries auth or validation errors", async () => {
    for (const error of [new AuthError("401 bad token"), new ValidationError("bad field", { path: ["config", "x"] })]) {
      const node = scriptedNode("test.scripted", () => Promise.reject(error));
      const h = harness([node.def]);
      const run = await h.start(one({ retries: 5, retryDelaySeconds: 1 }));
      const record = await h.finish(run);
      expect(record.state).toBe("failed");
      expect(node.calls).toHaveLength(1);
      const step = (await h.store.listSteps(run.runId))[0]!;
      expect(step.attempts).toHaveLength(1);
      expect(step.error?.category).toBe(error.category);
    }
  });

  it("retries only what retryOn lists", async () => {
    const node = scriptedNode("test.scripted", () => Promise.reject(new ServerError("503", { status: 503 })));
    const h = harness([node.def]);
    await h.finish(await h.start(one({ retries: 3, retryOn: ["rate_limited"] })));
    expect(node.calls).toHaveLength(1);
  });
});

describe("step timeout", () => {
  it("aborts the step's signal with a TimeoutError and retries it when timeouts are retryable", async () => {
    const seen: unknown[] = [];
    const node = scriptedNode("test.scripted", async (ctx) => {
      try {
        await ctx.clock.sleep(60_000, ctx.signal);
        return "late";
      } catch (e) {
        seen.push(ctx.signal.reason);
        throw e;
      }
    });
    const h = harness([node.def]);
    const t0 = h.clock.now();
    const run = await h.start(one({ timeoutSeconds: 1, retries: 1, retryDelaySeconds: 5, retryOn: ["timeout"] }));
    const record = await h.finish(run);
    expect(record.state).toBe("failed");
    expect(node.calls.map((c) => c.at - t0)).toEqual([0, 6000]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeInstanceOf(TimeoutError);
    const step = (await h.store.listSteps(run.runId))[0]!;
    expect(step.error).toMatchObject({ name: "TimeoutError", category: "timeout", message: 'Step "n" timed out after 1s' });
    expect(step.attempts.map((a) => a.finishedAt - a.startedAt)).toEqual([1000, 1000]);
  });

  it("ends a step that ignores its signal", async () => {
    const node = scriptedNode("test.scripted", () => new Promise(() => {}));
    const h = harness([node.def]);
    const record = await h.finish(await h.start(one({ timeoutSeconds: 2 })));
    expect(record.state).toBe("failed");
    expect(record.error?.category).toBe("timeout");
  });
});
