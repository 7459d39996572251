import { randomBytes } from "node:crypto";
import type { LimitBackend } from "@/lib/engine/engine-api";
import type { Redis } from "ioredis";
import { luaScript } from "./lua-script";

/**
 * The engine's rate and concurrency limits on Redis (queue mode, SPEC §4: `rateLimit` and
 * `concurrency` hold across every worker). Times come from Redis's own clock (`TIME`), so
 * workers on machines whose clocks disagree still space calls correctly.
 *
 * Rates use GCRA with a burst of one, like the in-process backend: one key holds the
 * theoretical arrival time of the next call; a caller reserves its slot atomically and sleeps
 * until it. Concurrency uses a sorted set of holders scored by lease expiry: a slot is taken
 * when fewer than `limit` unexpired holders exist. A holder renews its lease while it runs,
 * so the slots of a worker that died free themselves when their lease runs out. Waiters poll
 * (with a short growing back-off); which waiter gets a freed slot first is not guaranteed.
 */

const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const reserveRate = luaScript(`
${NOW_MS}
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, tat)
local nxt = at + interval
redis.call('SET', KEYS[1], tostring(nxt), 'PX', math.ceil(nxt - now) + 1000)
return math.ceil(at - now)
`);

const takeSlot = luaScript(`
${NOW_MS}
local limit = tonumber(ARGV[1])
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[2]) or redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], lease * 2)
  return 1
end
return 0
`);

const renewSlot = luaScript(`
${NOW_MS}
local lease = tonumber(ARGV[2])
local n = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return n
`);

export interface RedisLimitOptions {
  /** Key prefix, e.g. `switchyard` (keys become `<prefix>:limit:…`). */
  prefix: string;
  /** How long a held slot stays taken without renewal (default 30 s). */
  leaseMs?: number;
  /** Longest pause between two attempts of a waiting caller (default 200 ms). */
  maxPollMs?: number;
}

export interface RedisLimitBackend extends LimitBackend {
  /** Takes a slot now or not at all (the per-flow run limit of queue workers). */
  tryAcquireSlot(key: string, limit: number): Promise<(() => void) | undefined>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function createRedisLimitBackend(redis: Redis, options: RedisLimitOptions): RedisLimitBackend {
  const leaseMs = options.leaseMs ?? 30_000;
  const maxPollMs = options.maxPollMs ?? 200;
  const rateKey = (key: string) => `${options.prefix}:limit:rate:${key}`;
  const slotKey = (key: string) => `${options.prefix}:limit:slot:${key}`;

  /** A taken slot: renewed until released, released once. */
  function holding(zset: string, holder: string): () => void {
    const renew = setInterval(
      () => void renewSlot(redis, [zset], [holder, leaseMs]).catch(() => undefined),
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      void redis.zrem(zset, holder).catch(() => undefined);
    };
  }

  async function tryTake(key: string, limit: number): Promise<(() => void) | undefined> {
    const zset = slotKey(key);
    const holder = randomBytes(9).toString("base64url");
    const won = await takeSlot(redis, [zset], [limit, holder, leaseMs]);
    return won === 1 ? holding(zset, holder) : undefined;
  }

  return {
    async acquireRate(key, perSecond, signal) {
      if (signal.aborted) throw signal.reason as Error;
      const waitMs = Number(await reserveRate(redis, [rateKey(key)], [1000 / perSecond]));
      if (waitMs > 0) await sleep(waitMs, signal);
    },

    async acquireSlot(key, limit, signal) {
      let pause = 10;
      for (;;) {
        if (signal.aborted) throw signal.reason as Error;
        const release = await tryTake(key, limit);
        if (release) {
          if (signal.aborted) {
            release();
            throw signal.reason as Error;
          }
          return release;
        }
        await sleep(pause + Math.floor(Math.random() * pause), signal);
        pause = Math.min(maxPollMs, pause * 2);
      }
    },

    tryAcquireSlot: tryTake,
  };
}
