import { getConfig } from "@/lib/server/config";
import { databaseHealth } from "@/lib/server/db/health";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "unavailable";
  version: string;
  database: { reachable: boolean; provider: string; migrationsApplied: boolean; pendingMigrations: string[]; error?: string };
  queue: { mode: "embedded" | "redis"; reachable: boolean | null; error?: string };
}

async function pingRedis(url: string): Promise<{ reachable: boolean; error?: string }> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return { reachable: true };
  } catch (err) {
    return { reachable: false, error: err instanceof Error ? err.message.split("\n")[0] : "unreachable" };
  } finally {
    client.disconnect();
  }
}

/** GET /api/health: the database reachable and migrated, the queue (queue mode) reachable. */
export async function getHealth(): Promise<Health> {
  const db = await databaseHealth();
  let redisUrl: string | undefined;
  try {
    redisUrl = getConfig().redisUrl;
  } catch {
    redisUrl = undefined;
  }
  const queue: Health["queue"] = redisUrl ? { mode: "redis", ...(await pingRedis(redisUrl)) } : { mode: "embedded", reachable: null };
  const migrationsApplied = db.reachable && db.pendingMigrations.length === 0;
  const ok = migrationsApplied && queue.reachable !== false;
  return {
    status: ok ? "ok" : "unavailable",
    version: packageJson.version,
    database: {
      reachable: db.reachable,
      provider: db.provider,
      migrationsApplied,
      pendingMigrations: db.pendingMigrations,
      ...(db.error ? { error: db.error } : {}),
    },
    queue,
  };
}
