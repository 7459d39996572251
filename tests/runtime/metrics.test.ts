import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/api/metrics/route";
import { resetConfigForTests } from "@/lib/server/config";
import { observeWebhookLatency, serverMetrics } from "@/lib/server/metrics";
import { Counter, Histogram, MetricsRegistry } from "@/lib/server/metrics/registry";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { chain, createFlow, node } from "./support";

const TOKEN = "metrics-test-token-0123456789";

const scrape = (authorization?: string) =>
  metricsRoute.GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), {
    params: Promise.resolve({}),
  });

describe("Prometheus text format", () => {
  it("renders counters, histograms with cumulative buckets, and escapes label values", async () => {
    const registry = new MetricsRegistry();
    const c = registry.register(new Counter("x_total", "Things."));
    const h = registry.register(new Histogram("d_seconds", "Durations.", [0.1, 1]));
    c.inc({ kind: 'a"b' }, 2);
    h.observe({}, 0.05);
    h.observe({}, 0.5);
    h.observe({}, 5);
    const text = await registry.render();
    expect(text).toContain("# TYPE x_total counter\n");
    expect(text).toContain('x_total{kind="a\\"b"} 2\n');
    expect(text).toContain(
      'd_seconds_bucket{le="0.1"} 1\nd_seconds_bucket{le="1"} 2\nd_seconds_bucket{le="+Inf"} 3\nd_seconds_sum 5.55\nd_seconds_count 3\n',
    );
  });
});

describe("GET /api/metrics", () => {
  let app: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app.db);
  });
  afterAll(async () => {
    await closeRuntime(0);
    delete process.env.SWITCHYARD_METRICS_TOKEN;
    resetConfigForTests();
    await app?.close();
  });

  it("is off without a configured token, and answers only the token once one is set", async () => {
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.SWITCHYARD_METRICS_TOKEN = TOKEN;
    resetConfigForTests();
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token")).status).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  });

  it("counts runs and times steps and webhooks", async () => {
    const m = serverMetrics();
    const before = { started: m.runsStarted.get(), completed: m.runsCompleted.get() };
    const document = chain("Counted", [
      node("start", "core.trigger.manual"),
      node("shape", "core.data.set-fields", { fields: { ok: true } }),
    ]);
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const runtime = getRuntime();
    const { runId } = await runtime.submitRun({ workspaceId: owner.workspace.id, flowId, document, params: {} });
    await runtime.whenFinished(runId);
    observeWebhookLatency(12, 202);
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(m.runsStarted.get()).toBe(before.started + 1);
    expect(m.runsCompleted.get()).toBe(before.completed + 1);
    expect(text).toContain(`switchyard_runs_completed_total ${before.completed + 1}\n`);
    expect(text).toMatch(/switchyard_step_duration_seconds_count\{state="completed"\} [1-9]/);
    expect(text).toContain('switchyard_webhook_latency_seconds_bucket{status="2xx",le="0.025"} 1\n');
    expect(text).toMatch(/switchyard_queue_depth\{state="waiting"\} 0\n/);
  });
});
