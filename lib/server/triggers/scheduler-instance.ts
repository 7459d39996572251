import { getDb } from "@/lib/server/db/client";
import { serverLogger } from "@/lib/server/http/logger";
import { getRuntime } from "@/lib/server/runtime/get-runtime";
import { createScheduler, type Scheduler } from "./scheduler";

// One scheduler per process, kept on globalThis so Next.js dev reloads reuse it.
const holder = globalThis as typeof globalThis & { __switchyardScheduler?: Scheduler };

/**
 * Starts this process's schedule loop (called once by the server's start-up hook). It uses
 * the process's database and runtime as they are at each tick, so it follows them when
 * they are replaced.
 */
export function startScheduler(): Scheduler {
  if (!holder.__switchyardScheduler) {
    holder.__switchyardScheduler = createScheduler({ db: getDb, runtime: getRuntime, logger: serverLogger() });
    holder.__switchyardScheduler.start();
  }
  return holder.__switchyardScheduler;
}

export async function stopScheduler(): Promise<void> {
  const scheduler = holder.__switchyardScheduler;
  holder.__switchyardScheduler = undefined;
  await scheduler?.stop();
}
