import type { BreakerBackend, BreakerState } from "@/lib/engine/engine-api";
import type { Redis } from "ioredis";
import { luaScript } from "./lua-script";

/**
 * Circuit breakers on Redis (queue mode): the same rules as the engine's in-process breakers
 * (lib/engine/breaker.ts) — consecutive failures up to the threshold open the circuit; after
 * the cool-down exactly one probe goes through, across every worker; its success closes the
 * circuit, its failure opens it again; a probe that never reports back is replaced after one
 * more cool-down. Each transition is one Lua script, so two workers never both probe.
 */

const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

const allowScript = luaScript(`
local s = redis.call('HMGET', KEYS[1], 'state', 'openedAt', 'probeAt')
local state = s[1]
if not state or state == 'closed' then return {1, 'closed', 0} end
local now = tonumber(ARGV[1])
local cooldown = tonumber(ARGV[2])
local since = state == 'open' and tonumber(s[2]) or tonumber(s[3])
local retryAt = since + cooldown
if now < retryAt then return {0, state, retryAt} end
redis.call('HSET', KEYS[1], 'state', 'half-open', 'probeAt', ARGV[1])
return {1, 'half-open', 0}
`);

const failureScript = luaScript(`
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local state = redis.call('HGET', KEYS[1], 'state')
if not state then state = 'closed' end
if state == 'half-open' or (state == 'closed' and failures >= tonumber(ARGV[2])) then
  state = 'open'
  redis.call('HSET', KEYS[1], 'state', 'open', 'openedAt', ARGV[1])
else
  redis.call('HSET', KEYS[1], 'state', state)
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return state
`);

const STATES = new Set<BreakerState>(["closed", "open", "half-open"]);
const asState = (v: unknown): BreakerState => (STATES.has(v as BreakerState) ? (v as BreakerState) : "closed");

export function createRedisBreakerBackend(redis: Redis, options: { prefix: string }): BreakerBackend {
  const keyOf = (key: string) => `${options.prefix}:breaker:${key}`;
  return {
    async allow(key, now, cooldownMs) {
      const [allowed, state, retryAt] = (await allowScript(redis, [keyOf(key)], [Math.floor(now), cooldownMs])) as [number, string, number];
      return allowed === 1 ? { allowed: true, state: asState(state) } : { allowed: false, state: asState(state), retryAt: Number(retryAt) };
    },
    async recordSuccess(key) {
      await redis.del(keyOf(key));
    },
    async recordFailure(key, now, threshold) {
      return asState(await failureScript(redis, [keyOf(key)], [Math.floor(now), threshold, KEEP_MS]));
    },
  };
}
