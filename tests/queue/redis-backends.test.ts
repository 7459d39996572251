import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisBreakerBackend } from "@/lib/server/queue/redis-breakers";
import { createRedisLimitBackend } from "@/lib/server/queue/redis-limits";
import { deletePrefix, REDIS_TEST_URL, skipRedis, uniquePrefix } from "./support";

/**
 * The Redis limit and breaker backends, each used through two connections — two workers as
 * far as Redis can tell.
 */
describe.skipIf(await skipRedis())("Redis limits and circuit breakers", () => {
  const prefix = uniquePrefix();
  let a: Redis;
  let b: Redis;
  const signal = new AbortController().signal;

  beforeAll(() => {
    a = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: null });
    b = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    a.disconnect();
    b.disconnect();
    await deletePrefix(prefix);
  });

  it("never lets more than the limit hold a key's slots across workers", async () => {
    const backends = [createRedisLimitBackend(a, { prefix }), createRedisLimitBackend(b, { prefix })];
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const release = await backends[i % 2]!.acquireSlot("vendor", 3, signal);
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 40));
        inside--;
        release();
      }),
    );
    expect(most).toBe(3);
  });

  it("spaces calls under a rate key across workers", async () => {
    const backends = [createRedisLimitBackend(a, { prefix }), createRedisLimitBackend(b, { prefix })];
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        await backends[i % 2]!.acquireRate("api", 20, signal);
        at.push(Date.now());
      }),
    );
    at.sort((x, y) => x - y);
    // 20 per second: six calls span at least five intervals of 50 ms (a little slack for clocks).
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(5 * 50 - 15);
  });

  it("frees the slots of a worker that died when their lease runs out", async () => {
    const dying = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: null });
    const first = createRedisLimitBackend(dying, { prefix, leaseMs: 300 });
    await first.acquireSlot("lease", 1, signal);
    dying.disconnect(); // no release, no renewal: the process is gone
    const second = createRedisLimitBackend(b, { prefix, leaseMs: 300 });
    expect(await second.tryAcquireSlot("lease", 1)).toBeUndefined();
    const started = Date.now();
    const release = await second.acquireSlot("lease", 1, signal);
    expect(Date.now() - started).toBeLessThan(2_000);
    release();
  });

  it("keeps a held slot past its lease while the holder lives, and gives up waiting on abort", async () => {
    const holder = createRedisLimitBackend(a, { prefix, leaseMs: 200 });
    const release = await holder.acquireSlot("renewed", 1, signal);
    await new Promise((r) => setTimeout(r, 500));
    const other = createRedisLimitBackend(b, { prefix, leaseMs: 200 });
    expect(await other.tryAcquireSlot("renewed", 1)).toBeUndefined();
    const abort = new AbortController();
    const waiting = other.acquireSlot("renewed", 1, abort.signal);
    abort.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    release();
  });

  it("opens a circuit for every worker and lets exactly one probe through after the cool-down", async () => {
    const [one, two] = [createRedisBreakerBackend(a, { prefix }), createRedisBreakerBackend(b, { prefix })];
    const now = 1_000_000;
    expect(await one.recordFailure("cred", now, 2)).toBe("closed");
    expect(await two.recordFailure("cred", now + 1, 2)).toBe("open");
    expect(await one.allow("cred", now + 10, 1_000)).toEqual({ allowed: false, state: "open", retryAt: now + 1 + 1_000 });
    const probes = await Promise.all([one.allow("cred", now + 2_000, 1_000), two.allow("cred", now + 2_000, 1_000)]);
    expect(probes.filter((p) => p.allowed)).toHaveLength(1);
    expect(await two.recordFailure("cred", now + 2_100, 2)).toBe("open");
    expect((await one.allow("cred", now + 2_200, 1_000)).allowed).toBe(false);
    expect((await one.allow("cred", now + 3_200, 1_000)).allowed).toBe(true);
    await one.recordSuccess("cred");
    expect(await two.allow("cred", now + 3_300, 1_000)).toEqual({ allowed: true, state: "closed" });
  });
});
