import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRuntime, createServerRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { installShutdownHandlers } from "@/lib/server/runtime/shutdown-signals";
import { createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { chain, createFlow, node } from "./support";

describe("SIGTERM", () => {
  let app: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app.db);
  });
  afterAll(async () => {
    await closeRuntime(0);
    await app?.close();
  });

  it("stops the runtime within the grace period, leaves the run resumable, then exits", async () => {
    const document = chain("Long", [
      node("start", "core.trigger.manual"),
      node("pause", "core.flow.wait", { seconds: 1 }),
      node("done", "core.data.set-fields", { fields: { ok: true } }),
    ]);
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const runtime = getRuntime();
    const { runId } = await runtime.submitRun({ workspaceId: owner.workspace.id, flowId, document, params: {} });
    await new Promise<void>((resolve) => {
      const off = runtime.bus.subscribe(runId, (e) => {
        if (e.type === "step.state" && e.data?.nodeId === "pause" && e.data?.state === "running") {
          off();
          resolve();
        }
      });
    });

    const exited = new Promise<number>((resolve) => installShutdownHandlers({ graceMs: 0, exit: resolve }));
    process.emit("SIGTERM");
    expect(await exited).toBe(0);
    const left = await app.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(["pending", "running"]).toContain(left.state);
    expect(await app.db.stepRun.count({ where: { runId, nodeId: "done" } })).toBe(0);

    const next = createServerRuntime({ staleAfterMs: 1, logWrite: () => {} });
    try {
      await next.start();
      const run = await next.whenFinished(runId);
      expect(run?.state).toBe("completed");
    } finally {
      await next.shutdown(0);
    }
  });
});
