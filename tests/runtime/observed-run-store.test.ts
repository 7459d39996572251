import { describe, expect, it } from "vitest";
import { createMemoryRunStore } from "@/lib/engine/memory-run-store";
import type { RunRecord } from "@/lib/engine/run-store";
import { createObservedRunStore } from "@/lib/server/runtime/observed-run-store";
import { createRunEventBus } from "@/lib/server/runtime/run-event-bus";
import { createRunSecrets } from "@/lib/server/runtime/run-secrets";

const SECRET = "canary-9f8e7d6c5b4a";

const run: RunRecord = {
  id: "run_1",
  document: { schema: "switchyard.flow/v1", name: "x", nodes: [], edges: [] },
  state: "running",
  params: {},
  trigger: { kind: "manual" },
  dryRun: false,
  attempt: 1,
  createdAt: 0,
};

describe("observed run store", () => {
  it("redacts the run's secrets in steps, events, artifacts and run errors before they are stored", async () => {
    const inner = createMemoryRunStore();
    const secrets = createRunSecrets();
    const bus = createRunEventBus();
    const store = createObservedRunStore(inner, { bus, secrets });
    secrets.add("run_1", [SECRET]);
    await store.createRun(run);
    await store.saveStep({ runId: "run_1", key: "a", nodeId: "a", state: "completed", attempts: [], output: { echo: `token=${SECRET}` } });
    await store.appendEvents([{ runId: "run_1", seq: 1, at: 0, type: "log", data: { message: `sent ${SECRET}` } }]);
    await store.saveArtifact({ id: "art", runId: "run_1", stepKey: "a", createdAt: 0, artifact: { kind: "markdown", body: SECRET } });
    await store.updateRun("run_1", { state: "failed", error: { name: "Error", message: `bad ${SECRET}`, category: "auth" } });

    const stored = JSON.stringify({
      run: await inner.getRun("run_1"),
      steps: await inner.listSteps("run_1"),
      events: await inner.listEvents("run_1", 0),
      artifacts: await inner.listArtifacts("run_1"),
    });
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain("token=***");
  });

  it("leaves other runs' records alone and publishes events live with a replayable tail", async () => {
    const inner = createMemoryRunStore();
    const secrets = createRunSecrets();
    const bus = createRunEventBus();
    const store = createObservedRunStore(inner, { bus, secrets });
    secrets.add("run_1", [SECRET]);
    const seen: number[] = [];
    const off = bus.subscribe("run_2", (e) => seen.push(e.seq));
    await store.appendEvents([
      { runId: "run_2", seq: 1, at: 0, type: "log", data: { message: "plain" } },
      { runId: "run_2", seq: 2, at: 0, type: "log", data: { message: "more" } },
    ]);
    off();
    expect(seen).toEqual([1, 2]);
    expect(bus.recent("run_2", 1).map((e) => e.seq)).toEqual([2]);
    expect((await inner.listEvents("run_2", 0))[0]?.data).toEqual({ message: "plain" });
  });
});
