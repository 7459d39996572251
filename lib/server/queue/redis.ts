import { Redis } from "ioredis";

/**
 * A Redis connection of queue mode. BullMQ needs `maxRetriesPerRequest: null` (its blocking
 * commands wait indefinitely); the limit and breaker scripts share the setting, so a Redis
 * restart delays them instead of failing steps.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableAutoPipelining: true });
}

export type { Redis };
