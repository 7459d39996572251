import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { killGroup, startServer, type ServerProcess } from "../durability/server-process";
import { RecordingService } from "../queue/support";
import { signInViaApi, signUpViaApi } from "./support/accounts";
import { createApiToken } from "./support/api";

/**
 * Durability (SPEC §4): runs survive the death of their process. The server runs as a child
 * process of this test (the build Playwright's web server made is reused); runs call a
 * loopback service, the server is killed with SIGKILL while every run waits between its two
 * side effects, and a new server on the same data resumes them. The service's request log
 * shows each side effect exactly once: the first one was stored as completed before the kill,
 * so it is not executed again; only the step in flight at the kill (the wait) runs again.
 */

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const RUNS = 4;
const METRICS_TOKEN = "durability-metrics-token-0123456789";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    void import("node:net").then(({ createServer }) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
  });
}

interface RunDetail {
  state: string;
  steps: { key: string; state: string }[];
}

test("runs interrupted by SIGKILL finish after a restart, each side effect exactly once", async () => {
  const service = await new RecordingService().start();
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchyard-durability-"));
  const port = await freePort();
  const env = {
    SWITCHYARD_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "durability.db")}`,
    SWITCHYARD_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    SWITCHYARD_HEARTBEAT_MS: "250",
    SWITCHYARD_STALE_AFTER_MS: "2500",
    SWITCHYARD_METRICS_TOKEN: METRICS_TOKEN,
    LOG_LEVEL: "warn",
  };
  let server: ServerProcess | undefined;
  let api: APIRequestContext | undefined;
  try {
    server = await startServer(env, port);
    const session = await playwrightRequest.newContext({ baseURL: server.url });
    const account = await signUpViaApi(session);
    await signInViaApi(session, account);
    const token = await createApiToken(session, "durability");
    await session.dispose();
    api = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const ws = account.workspace.slug;

    const http = (id: string, pathName: string) => ({
      id,
      type: "core.http.request",
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { method: "POST", url: `${service.url}${pathName}` },
      settings: { retries: 0 },
    });
    const document = {
      schema: "switchyard.flow/v1",
      name: "Survives SIGKILL",
      nodes: [
        { id: "start", type: "core.trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        http("charge", "/charge/{{ run.id }}"),
        { id: "pause", type: "core.flow.wait", typeVersion: 1, position: { x: 0, y: 0 }, config: { seconds: 4 } },
        http("notify", "/notify/{{ run.id }}"),
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "out", target: "charge", targetPort: "in" },
        { id: "e2", source: "charge", sourcePort: "out", target: "pause", targetPort: "in" },
        { id: "e3", source: "pause", sourcePort: "out", target: "notify", targetPort: "in" },
      ],
    };
    const created = await api.post(`/api/w/${ws}/flows`, { data: document });
    expect(created.status(), await created.text()).toBe(201);
    const flowId = ((await created.json()) as { flow: { id: string } }).flow.id;

    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const res = await api.post(`/api/w/${ws}/flows/${flowId}/runs`, { data: {} });
      expect(res.status(), await res.text()).toBe(202);
      runIds.push(((await res.json()) as { runId: string }).runId);
    }
    const detail = async (runId: string): Promise<RunDetail> => {
      const res = await api!.get(`/api/w/${ws}/runs/${runId}`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { run: RunDetail }).run;
    };

    // Every run has stored its first side effect and is waiting: now the power goes.
    await expect
      .poll(
        async () => {
          const runs = await Promise.all(runIds.map(detail));
          return runs.every((r) => r.steps.find((s) => s.key === "charge")?.state === "completed");
        },
        { timeout: 30_000, intervals: [100] },
      )
      .toBe(true);
    expect(runIds.map((id) => service.count(`/notify/${id}`))).toEqual(runIds.map(() => 0));
    await api.dispose();
    api = undefined;
    killGroup(server.child, "SIGKILL");
    await server.exited;

    // A new process on the same data finds the runs (their heartbeats went stale) and resumes them.
    server = await startServer(env, port);
    api = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    await expect
      .poll(async () => (await Promise.all(runIds.map(detail))).map((r) => r.state), { timeout: 60_000, intervals: [250] })
      .toEqual(runIds.map(() => "completed"));
    for (const id of runIds) {
      expect(service.count(`/charge/${id}`), `charge of ${id}`).toBe(1);
      expect(service.count(`/notify/${id}`), `notify of ${id}`).toBe(1);
    }

    // The new process counted the runs it resumed and completed.
    const metrics = await api.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status()).toBe(200);
    const text = await metrics.text();
    expect(text).toContain(`switchyard_runs_resumed_total ${RUNS}`);
    expect(text).toContain(`switchyard_runs_completed_total ${RUNS}`);
    expect((await api.get("/api/metrics")).status()).toBe(401);
  } finally {
    await api?.dispose();
    if (server) {
      killGroup(server.child, "SIGTERM");
      const timer = setTimeout(() => killGroup(server!.child, "SIGKILL"), 15_000);
      await server.exited;
      clearTimeout(timer);
    }
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
