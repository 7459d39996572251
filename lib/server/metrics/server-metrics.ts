import type { RunEvent } from "@/lib/engine/run-store";
import { Counter, Gauge, Histogram, MetricsRegistry } from "./registry";

/**
 * The process's metrics (GET /api/metrics; a worker's own endpoint in queue mode). Counters
 * count what this process did since it started, as Prometheus expects; sum them over every
 * process of a deployment.
 */

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create() {
  const registry = new MetricsRegistry();
  const depth: { read?: () => Promise<{ waiting: number; active: number }> } = {};
  const queueDepth = registry.register(new Gauge("switchyard_queue_depth", "Runs waiting for a slot and runs executing."));
  registry.onCollect(async () => {
    const d = await depth.read?.();
    if (!d) return;
    queueDepth.set({ state: "waiting" }, d.waiting);
    queueDepth.set({ state: "active" }, d.active);
  });
  return {
    registry,
    depth,
    queueDepth,
    runsStarted: registry.register(new Counter("switchyard_runs_started_total", "Runs this process started executing (resumes included).")),
    runsCompleted: registry.register(new Counter("switchyard_runs_completed_total", "Runs that ended completed.")),
    runsFailed: registry.register(new Counter("switchyard_runs_failed_total", "Runs that ended failed.")),
    runsCrashed: registry.register(new Counter("switchyard_runs_crashed_total", "Runs that ended crashed.")),
    runsCancelled: registry.register(new Counter("switchyard_runs_cancelled_total", "Runs that ended cancelled.")),
    runsResumed: registry.register(
      new Counter("switchyard_runs_resumed_total", "Runs whose process died, found by this process and put back to execute."),
    ),
    stepDuration: registry.register(
      new Histogram("switchyard_step_duration_seconds", "Duration of finished step attempts, by final state.", DURATION_BUCKETS),
    ),
    webhookLatency: registry.register(
      new Histogram(
        "switchyard_webhook_latency_seconds",
        "Time from a webhook request's arrival to its answer, by status class.",
        LATENCY_BUCKETS,
      ),
    ),
  };
}

export type ServerMetrics = ReturnType<typeof create>;

// One set per process, kept on globalThis so Next.js dev reloads and route bundles share it.
const holder = globalThis as typeof globalThis & { __switchyardMetrics?: ServerMetrics };

export function serverMetrics(): ServerMetrics {
  holder.__switchyardMetrics ??= create();
  return holder.__switchyardMetrics;
}

const FINAL_STEP_STATES = new Set(["completed", "failed", "cached", "skipped", "dry-run"]);

/** Counts run starts and ends and times steps from the events the engine writes. */
export function observeRunEvents(events: readonly RunEvent[]): void {
  const m = serverMetrics();
  for (const e of events) {
    const state = typeof e.data?.state === "string" ? e.data.state : undefined;
    if (e.type === "run.state") {
      if (state === "running") m.runsStarted.inc();
      else if (state === "completed") m.runsCompleted.inc();
      else if (state === "failed") m.runsFailed.inc();
      else if (state === "crashed") m.runsCrashed.inc();
      else if (state === "cancelled") m.runsCancelled.inc();
    } else if (e.type === "step.state" && state && FINAL_STEP_STATES.has(state) && typeof e.data?.durationMs === "number") {
      m.stepDuration.observe({ state }, e.data.durationMs / 1000);
    }
  }
}

/**
 * Records how long a webhook request took from arrival to answer (milliseconds) and the
 * answer's HTTP status; the webhook route calls it once per request.
 */
export function observeWebhookLatency(durationMs: number, status: number): void {
  const statusClass = status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other";
  serverMetrics().webhookLatency.observe({ status: statusClass }, durationMs / 1000);
}

/** Where the queue-depth gauge reads from at each scrape (the runtime registers it). */
export function setQueueDepthSource(read: () => Promise<{ waiting: number; active: number }>): void {
  serverMetrics().depth.read = read;
}

export function renderMetrics(): Promise<string> {
  return serverMetrics().registry.render();
}
