import { createServer, type Server } from "node:http";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/server/config";
import { closeDb, getDb } from "@/lib/server/db/client";
import { serverLogger } from "@/lib/server/http/logger";
import { metricsAccess, PROMETHEUS_CONTENT_TYPE, renderMetrics, setQueueDepthSource } from "@/lib/server/metrics";
import { createServerRuntime } from "@/lib/server/runtime/get-runtime";
import { RUNTIME_DEFAULTS } from "@/lib/server/runtime/runtime-defaults";
import { closeQueueWiring, getQueueWiring } from "./queue-wiring";
import { createRedis } from "./redis";
import { startRunWorker } from "./run-worker";

/**
 * `npm run worker`: a queue-mode process that executes runs (docs/deploy.md). It resumes
 * runs of dead processes like a web process does, takes run jobs from BullMQ, serves its
 * metrics on SWITCHYARD_WORKER_METRICS_PORT when set, and on SIGTERM/SIGINT stops taking
 * jobs, gives running steps the grace period and leaves the rest to other workers.
 */
export async function runWorkerProcess(): Promise<void> {
  const config = getConfig();
  const logger = serverLogger().child({ component: "worker" });
  const queue = getQueueWiring(config);
  if (!queue) {
    throw new Error("npm run worker needs queue mode: set REDIS_URL and a PostgreSQL DATABASE_URL (see docs/deploy.md)");
  }
  const owner = `worker:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const runtime = createServerRuntime({ owner });
  setQueueDepthSource(() => queue.dispatcher.depth());
  await runtime.start();
  const staleAfterMs = config.runtime.staleAfterMs ?? RUNTIME_DEFAULTS.staleAfterMs;
  const worker = await startRunWorker({
    runtime,
    db: getDb(),
    connection: createRedis(queue.redisUrl),
    subscriber: createRedis(queue.redisUrl),
    redis: queue.redis,
    prefix: queue.prefix,
    limits: queue.limits,
    concurrency: config.runtime.concurrency ?? RUNTIME_DEFAULTS.globalConcurrency,
    staleAfterMs,
  });
  const metrics = config.workerMetricsPort ? serveMetrics(config.workerMetricsPort, config.metricsToken) : undefined;
  logger.info("worker ready", { owner, prefix: queue.prefix, concurrency: worker.worker.concurrency });
  // Whatever the log level: process managers and tests wait for this line.
  process.stdout.write(`[switchyard worker] ready (${owner})\n`);

  let closing: Promise<void> | undefined;
  const stop = (signal: string) => {
    closing ??= (async () => {
      logger.info("worker stopping", { signal });
      metrics?.close();
      await worker.close(config.runtime.shutdownGraceMs ?? RUNTIME_DEFAULTS.shutdownGraceMs);
      await closeQueueWiring();
      await closeDb();
    })().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error("worker shutdown failed", { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

/** GET /metrics of a worker, behind the same bearer token as the web process's /api/metrics. */
function serveMetrics(port: number, token: string | undefined): Server {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    const access = metricsAccess(req.headers.authorization ?? null, token);
    if (access !== "ok") {
      res
        .writeHead(access === "off" ? 404 : 401, { "content-type": "text/plain" })
        .end(access === "off" ? "metrics are off\n" : "unauthorized\n");
      return;
    }
    renderMetrics().then(
      (body) => res.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(port);
  server.unref();
  return server;
}
