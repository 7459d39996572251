import { describe, expect, it } from "vitest";
import { createMemoryRunStore } from "./memory-run-store";
import type { RunRecord } from "./run-store";
import { chain } from "./test-helpers/nodes";

const run = (id: string): RunRecord => ({
  id,
  document: chain(["a"]),
  state: "pending",
  params: {},
  trigger: { kind: "manual" },
  dryRun: false,
  attempt: 1,
  createdAt: 1,
});

describe("memory run store", () => {
  it("creates, updates and reads runs", async () => {
    const s = createMemoryRunStore();
    await s.createRun(run("r1"));
    await expect(s.createRun(run("r1"))).rejects.toThrow(/exists/);
    await s.updateRun("r1", { state: "running", startedAt: 5 });
    expect(await s.getRun("r1")).toMatchObject({ state: "running", startedAt: 5 });
    await expect(s.updateRun("nope", { state: "failed" })).rejects.toThrow(/not found/);
    expect(await s.getRun("nope")).toBeNull();
  });

  it("replaces a step stored under the same key", async () => {
    const s = createMemoryRunStore();
    await s.saveStep({ runId: "r", key: "a", nodeId: "a", state: "retrying", attempts: [] });
    await s.saveStep({ runId: "r", key: "a", nodeId: "a", state: "completed", attempts: [] });
    await s.saveStep({ runId: "r", key: "a[0]", nodeId: "a", mapIndex: 0, state: "completed", attempts: [] });
    expect((await s.listSteps("r")).map((x) => `${x.key}:${x.state}`)).toEqual(["a:completed", "a[0]:completed"]);
  });

  it("pages events after a seq", async () => {
    const s = createMemoryRunStore();
    await s.appendEvents([1, 2, 3, 4].map((seq) => ({ runId: "r", seq, at: seq, type: "log" })));
    expect((await s.listEvents("r", 1, 2)).map((e) => e.seq)).toEqual([2, 3]);
    expect((await s.listEvents("r", 0)).length).toBe(4);
  });

  it("expires cache entries", async () => {
    const s = createMemoryRunStore();
    await s.putCache({ key: "k", output: 1, storedAt: 0, expiresAt: 100 });
    expect((await s.getCache("k", 99))?.output).toBe(1);
    expect(await s.getCache("k", 100)).toBeNull();
  });
});
