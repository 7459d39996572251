import { getConfig } from "@/lib/server/config";
import { serverLogger } from "@/lib/server/http/logger";
import { startRetention } from "@/lib/server/retention/retention-loop";
import { getRuntime } from "./get-runtime";
import { installShutdownHandlers } from "./shutdown-signals";

/**
 * What the web process starts with (called by `instrumentation.ts`): the runtime, so runs
 * left behind by a dead process are resumed without waiting for a first request; the
 * SIGTERM/SIGINT handlers of the graceful shutdown; the background pruning of old runs.
 */
export function startServerRuntime(): void {
  const config = getConfig();
  getRuntime();
  installShutdownHandlers({ graceMs: config.runtime.shutdownGraceMs });
  startRetention({ everyMs: config.runtime.retentionSweepMs, logger: serverLogger() });
}
