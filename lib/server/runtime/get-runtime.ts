import { catalogRegistry, credentialDefinition } from "@/lib/catalog";
import { createEngine } from "@/lib/engine";
import { sendRunNotification } from "@/lib/integrations/notify";
import { getConfig } from "@/lib/server/config";
import { getVault } from "@/lib/server/credentials/vault-instance";
import { getDb } from "@/lib/server/db/client";
import { databaseUrlFromEnv } from "@/lib/server/db/database-url";
import { serverLogger } from "@/lib/server/http/logger";
import { observeRunEvents, setQueueDepthSource } from "@/lib/server/metrics";
import { getQueueWiring } from "@/lib/server/queue/queue-wiring";
import { PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";
import { startFlowEventRuns } from "@/lib/server/triggers/flow-event-runs";
import { outboundFetch } from "./outbound-fetch";
import { createRuntime, type Runtime, type RuntimeOptions } from "./runtime";
import { RUNTIME_DEFAULTS } from "./runtime-defaults";

// One runtime per process, kept on globalThis so Next.js dev reloads reuse it.
const holder = globalThis as typeof globalThis & { __switchyardRuntime?: { key: string; runtime: Runtime } };

/**
 * The process's runtime (engine host). Created on first use with the configured database,
 * the catalog and the vault, and started at once: runs left behind by a dead process are
 * resumed. The server's start-up hook calls it early so that happens without a request.
 */
export function getRuntime(): Runtime {
  const config = getConfig();
  const key = `${databaseUrlFromEnv()}|${config.dataDir}`;
  if (holder.__switchyardRuntime?.key !== key) {
    const previous = holder.__switchyardRuntime?.runtime;
    const runtime = createServerRuntime();
    holder.__switchyardRuntime = { key, runtime };
    const dispatcher = runtime.dispatcher;
    setQueueDepthSource(() => (dispatcher ? dispatcher.depth() : Promise.resolve(runtime.stats())));
    if (previous) void previous.shutdown(0);
    void runtime.start().catch((err: unknown) => serverLogger().error("runtime start failed", { error: String(err) }));
  }
  return holder.__switchyardRuntime.runtime;
}

/**
 * A runtime wired to this server's database, catalog, vault and configuration (not started).
 * In queue mode (REDIS_URL with PostgreSQL) its limits, breakers and run dispatch go through
 * Redis (lib/server/queue).
 */
export function createServerRuntime(overrides: Partial<RuntimeOptions> = {}): Runtime {
  const config = getConfig();
  const db = getDb();
  const queue = getQueueWiring(config);
  const runtime: Runtime = createRuntime({
    db,
    store: new PrismaRunStore(db, {
      onBackgroundError: (err) => serverLogger().error("run store flush failed", { error: String(err) }),
      // Embedded: this process alone writes the runs it creates. In queue mode workers write them.
      soleWriter: !queue,
    }),
    registry: catalogRegistry,
    vault: getVault(),
    definitionOf: credentialDefinition,
    fetch: outboundFetch(),
    createEngine,
    sendNotification: (credential, summary, runUrl) => sendRunNotification(credential, summary, { fetch: outboundFetch(), runUrl }),
    publicUrl: config.publicUrl,
    logLevel: config.logLevel,
    globalConcurrency: config.runtime.concurrency ?? RUNTIME_DEFAULTS.globalConcurrency,
    heartbeatMs: config.runtime.heartbeatMs ?? RUNTIME_DEFAULTS.heartbeatMs,
    staleAfterMs: config.runtime.staleAfterMs ?? RUNTIME_DEFAULTS.staleAfterMs,
    idempotencyWindowMs: RUNTIME_DEFAULTS.idempotencyWindowMs,
    onEvents: observeRunEvents,
    ...(queue ? { limits: queue.limits, breakers: queue.breakers, dispatcher: queue.dispatcher } : {}),
    onRunFinished: async (run) => {
      await startFlowEventRuns(db, runtime, run);
    },
    ...overrides,
  });
  return runtime;
}

/** Shuts the process's runtime down (SIGTERM, tests). */
export async function closeRuntime(
  graceMs: number = getConfig().runtime.shutdownGraceMs ?? RUNTIME_DEFAULTS.shutdownGraceMs,
): Promise<void> {
  const current = holder.__switchyardRuntime;
  holder.__switchyardRuntime = undefined;
  await current?.runtime.shutdown(graceMs);
}
