import { describe, expect, it } from "vitest";
import { stepToRow } from "./records";
import { splitByRun, WriteBuffer } from "./write-buffer";

const step = (runId: string, key: string, state: "running" | "completed" | "failed") =>
  stepToRow({ runId, key, nodeId: key, state, attempts: [] });
const event = (runId: string, seq: number) => ({ runId, seq, at: seq, type: "t", stepKey: null, data: null });

describe("WriteBuffer", () => {
  it("coalesces a step saved twice (last state, first place) and patches of one run", () => {
    const buffer = new WriteBuffer();
    buffer.saveStep(step("r", "a", "running"));
    buffer.saveStep(step("r", "b", "running"));
    buffer.saveStep(step("r", "a", "completed"));
    buffer.patchRun("r", { state: "running", owner: "w" });
    buffer.patchRun("r", { state: "completed" });
    expect(buffer.size).toBe(3);
    const writes = buffer.take();
    expect([...writes.steps.values()].map((s) => [s.key, s.state])).toEqual([
      ["a", "completed"],
      ["b", "running"],
    ]);
    expect(writes.runPatches.get("r")).toEqual({ state: "completed", owner: "w" });
    expect(buffer.size).toBe(0);
  });

  it("restores failed writes under newer ones: newer patches and steps win, older events come first", () => {
    const buffer = new WriteBuffer();
    buffer.patchRun("r", { state: "running", owner: "w" });
    buffer.saveStep(step("r", "a", "running"));
    buffer.appendEvents([event("r", 1)]);
    buffer.putCache({ key: "k", storedAt: new Date(1), expiresAt: new Date(2) });
    const failed = buffer.take();

    buffer.patchRun("r", { state: "completed" });
    buffer.saveStep(step("r", "a", "completed"));
    buffer.appendEvents([event("r", 2)]);
    buffer.putCache({ key: "k", storedAt: new Date(5), expiresAt: new Date(6) });
    buffer.restore(failed);

    const writes = buffer.take();
    expect(writes.runPatches.get("r")).toEqual({ state: "completed", owner: "w" });
    expect(writes.steps.size).toBe(1);
    expect([...writes.steps.values()][0]?.state).toBe("completed");
    expect(writes.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(writes.cache.get("k")?.storedAt).toEqual(new Date(5));
  });

  it("splits writes per run, with the cache on its own", () => {
    const buffer = new WriteBuffer();
    buffer.saveStep(step("r1", "a", "completed"));
    buffer.appendEvents([event("r2", 1), event("r1", 1)]);
    buffer.putCache({ key: "k", storedAt: new Date(1), expiresAt: new Date(2) });
    const groups = splitByRun(buffer.take());
    expect(groups).toHaveLength(3);
    expect(groups[0]?.steps.size).toBe(1);
    expect(groups[0]?.events.map((e) => e.runId)).toEqual(["r1"]);
    expect(groups[1]?.events.map((e) => e.runId)).toEqual(["r2"]);
    expect(groups[2]?.cache.size).toBe(1);
  });
});

describe("WriteBuffer step ids", () => {
  it("keeps the first row id of a step saved again", () => {
    const buffer = new WriteBuffer();
    const first = step("r", "a", "running");
    buffer.saveStep(first);
    buffer.saveStep(step("r", "a", "completed"));
    const failed = buffer.take();
    buffer.saveStep(step("r", "a", "failed"));
    buffer.restore(failed);
    const [only] = [...buffer.take().steps.values()];
    expect(only).toMatchObject({ id: first.id, state: "failed" });
  });
});
