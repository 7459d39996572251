import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * A Lua script run atomically by Redis: EVALSHA, falling back to EVAL once when Redis does
 * not know the script yet (after a restart or on first use).
 */
export function luaScript(source: string): (redis: Redis, keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown> {
  const sha = createHash("sha1").update(source).digest("hex");
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
