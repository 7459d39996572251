import { describe, expect, it } from "vitest";
import { createFakeClock } from "./clock";
import { createMemoryLimitBackend } from "./limits";
import { createMemoryBreakerBackend } from "./breaker";

const never = new AbortController().signal;

describe("memory rate limit", () => {
  it("spaces calls under a key at 1000/perSecond ms, in arrival order", async () => {
    const clock = createFakeClock(0);
    const limits = createMemoryLimitBackend({ clock });
    const times: number[] = [];
    const calls = [0, 1, 2, 3].map(() => limits.acquireRate("notion", 4, never).then(() => times.push(clock.now())));
    await clock.runAll();
    await Promise.all(calls);
    expect(times).toEqual([0, 250, 500, 750]);
    // Another key is independent.
    await limits.acquireRate("jira", 1, never);
    expect(clock.now()).toBe(750);
  });

  it("rejects a waiting call when its signal aborts", async () => {
    const clock = createFakeClock(0);
    const limits = createMemoryLimitBackend({ clock });
    await limits.acquireRate("k", 1, never);
    const c = new AbortController();
    const waiting = limits.acquireRate("k", 1, c.signal);
    c.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
  });
});

describe("memory concurrency slots", () => {
  it("never lets more than `limit` holders run, and hands slots over in order", async () => {
    const limits = createMemoryLimitBackend();
    let inFlight = 0;
    let max = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const release = await limits.acquireSlot("jira", 3, never);
        inFlight++;
        max = Math.max(max, inFlight);
        order.push(i);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        release();
        release(); // a second release is ignored
      }),
    );
    expect(max).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("removes an aborted waiter", async () => {
    const limits = createMemoryLimitBackend();
    const release = await limits.acquireSlot("k", 1, never);
    const c = new AbortController();
    const waiting = limits.acquireSlot("k", 1, c.signal);
    c.abort(new Error("gone"));
    await expect(waiting).rejects.toThrow("gone");
    release();
    const again = await limits.acquireSlot("k", 1, never);
    expect(typeof again).toBe("function");
  });
});

describe("memory circuit breaker", () => {
  it("opens after consecutive failures, fails fast until the cool-down, then lets exactly one probe through", async () => {
    const b = createMemoryBreakerBackend();
    expect(await b.allow("cred", 0, 1000)).toEqual({ allowed: true, state: "closed" });
    expect(await b.recordFailure("cred", 0, 3)).toBe("closed");
    await b.recordSuccess("cred");
    await b.recordFailure("cred", 0, 3);
    expect(await b.recordFailure("cred", 10, 3)).toBe("closed");
    expect(await b.recordFailure("cred", 20, 3)).toBe("open");
    expect(await b.allow("cred", 500, 1000)).toEqual({ allowed: false, state: "open", retryAt: 1020 });
    expect(await b.allow("cred", 1020, 1000)).toEqual({ allowed: true, state: "half-open" });
    expect((await b.allow("cred", 1021, 1000)).allowed).toBe(false);
    expect(await b.recordFailure("cred", 1030, 3)).toBe("open");
    expect((await b.allow("cred", 2029, 1000)).allowed).toBe(false);
    expect((await b.allow("cred", 2030, 1000)).allowed).toBe(true);
    await b.recordSuccess("cred");
    expect(await b.allow("cred", 2031, 1000)).toEqual({ allowed: true, state: "closed" });
    expect(await b.allow("other", 0, 1000)).toEqual({ allowed: true, state: "closed" });
  });

  it("replaces a probe that never reported back after another cool-down", async () => {
    const b = createMemoryBreakerBackend();
    await b.recordFailure("c", 0, 1);
    expect((await b.allow("c", 100, 100)).allowed).toBe(true);
    expect((await b.allow("c", 150, 100)).allowed).toBe(false);
    expect((await b.allow("c", 200, 100)).allowed).toBe(true);
  });
});
