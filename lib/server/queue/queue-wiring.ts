import type { BreakerBackend } from "@/lib/engine/engine-api";
import type { AppConfig } from "@/lib/server/config";
import { databaseUrlFromEnv, providerOf } from "@/lib/server/db/database-url";
import type { RunDispatcher } from "@/lib/server/runtime/runtime";
import { createQueueDispatcher } from "./queue-dispatcher";
import { createRedis, type Redis } from "./redis";
import { createRedisBreakerBackend } from "./redis-breakers";
import { createRedisLimitBackend, type RedisLimitBackend } from "./redis-limits";

/**
 * Queue mode (SPEC §10) is on when REDIS_URL is set and DATABASE_URL is PostgreSQL (a
 * database every process shares; the configuration warns about Redis with SQLite). Then
 * every process of the deployment — web and worker — gets the Redis-backed limits, breakers
 * and run dispatcher from here, once per process.
 */

export interface QueueMode {
  redisUrl: string;
  prefix: string;
}

export interface QueueWiring extends QueueMode {
  redis: Redis;
  limits: RedisLimitBackend;
  breakers: BreakerBackend;
  dispatcher: RunDispatcher;
}

export function queueModeOf(
  config: Pick<AppConfig, "redisUrl" | "redisPrefix">,
  databaseUrl = databaseUrlFromEnv(),
): QueueMode | undefined {
  if (!config.redisUrl || providerOf(databaseUrl) !== "postgres") return undefined;
  return { redisUrl: config.redisUrl, prefix: config.redisPrefix };
}

const holder = globalThis as typeof globalThis & { __switchyardQueue?: { key: string; wiring: QueueWiring } };

/** The process's queue-mode wiring, or undefined in embedded mode. */
export function getQueueWiring(config: Pick<AppConfig, "redisUrl" | "redisPrefix" | "runtime">): QueueWiring | undefined {
  const mode = queueModeOf(config);
  if (!mode) return undefined;
  const key = `${mode.redisUrl}|${mode.prefix}`;
  if (holder.__switchyardQueue?.key !== key) {
    const redis = createRedis(mode.redisUrl);
    const wiring: QueueWiring = {
      ...mode,
      redis,
      limits: createRedisLimitBackend(redis, { prefix: mode.prefix, leaseMs: config.runtime.staleAfterMs }),
      breakers: createRedisBreakerBackend(redis, { prefix: mode.prefix }),
      dispatcher: createQueueDispatcher(redis, { prefix: mode.prefix }),
    };
    holder.__switchyardQueue = { key, wiring };
  }
  return holder.__switchyardQueue.wiring;
}

/** Closes the process's Redis connection (after the runtime shut down). */
export async function closeQueueWiring(): Promise<void> {
  const current = holder.__switchyardQueue;
  holder.__switchyardQueue = undefined;
  if (!current) return;
  await current.wiring.dispatcher.close().catch(() => undefined);
  await current.wiring.redis.quit().catch(() => undefined);
}
