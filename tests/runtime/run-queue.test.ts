import { describe, expect, it } from "vitest";
import type { RunHandle } from "@/lib/engine/engine-api";
import type { RunRecord } from "@/lib/engine/run-store";
import { createRunQueue, type QueuedRun } from "@/lib/server/runtime/run-queue";

/** A run whose end the test decides. */
function controllable(runId: string) {
  let finish!: () => void;
  const done = new Promise<RunRecord>((resolve) => {
    finish = () => resolve({ id: runId } as RunRecord);
  });
  const handle: RunHandle = { runId, subscribe: () => () => {}, done };
  return { handle, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

function setup(globalLimit: number) {
  const started: string[] = [];
  const runs = new Map<string, ReturnType<typeof controllable>>();
  const queue = createRunQueue({ globalLimit });
  const add = (runId: string, flowKey: string, flowLimit?: number) => {
    const run = controllable(runId);
    runs.set(runId, run);
    const item: QueuedRun = {
      runId,
      flowKey,
      flowLimit,
      start: () => {
        started.push(runId);
        return Promise.resolve(run.handle);
      },
    };
    queue.enqueue(item);
  };
  const finish = async (runId: string) => {
    runs.get(runId)!.finish();
    await tick();
    await tick();
  };
  return { queue, started, add, finish };
}

describe("run queue", () => {
  it("never runs more than the global limit at once and starts the next when one ends", async () => {
    const { queue, started, add, finish } = setup(2);
    add("a", "f1");
    add("b", "f2");
    add("c", "f3");
    await tick();
    expect(started).toEqual(["a", "b"]);
    expect(queue.stats()).toEqual({ waiting: 1, active: 2 });
    await finish("a");
    expect(started).toEqual(["a", "b", "c"]);
  });

  it("honours a flow's maxConcurrentRuns without blocking other flows", async () => {
    const { queue, started, add, finish } = setup(10);
    add("a1", "flowA", 1);
    add("a2", "flowA", 1);
    add("b1", "flowB", 1);
    await tick();
    expect(started).toEqual(["a1", "b1"]);
    expect(queue.isWaiting("a2")).toBe(true);
    await finish("a1");
    expect(started).toEqual(["a1", "b1", "a2"]);
  });

  it("withdraws a waiting run and ignores a run enqueued twice", async () => {
    const { queue, started, add, finish } = setup(1);
    add("a", "f");
    add("a", "f");
    add("b", "f");
    await tick();
    expect(queue.withdraw("b")).toBe(true);
    expect(queue.withdraw("a")).toBe(false);
    await finish("a");
    expect(started).toEqual(["a"]);
  });

  it("stops starting runs after stop() and reports when started runs have drained", async () => {
    const { queue, started, add, finish } = setup(1);
    add("a", "f");
    add("b", "f");
    await tick();
    queue.stop();
    let drained = false;
    void queue.drained().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    await finish("a");
    expect(drained).toBe(true);
    expect(started).toEqual(["a"]);
    expect(queue.waitingIds()).toEqual(["b"]);
  });

  it("frees the slot of a run that fails to start", async () => {
    const errors: string[] = [];
    const queue = createRunQueue({ globalLimit: 1, onStartError: (id) => errors.push(id) });
    queue.enqueue({ runId: "bad", flowKey: "f", start: () => Promise.reject(new Error("nope")) });
    const ok = controllable("ok");
    let okStarted = false;
    queue.enqueue({
      runId: "ok",
      flowKey: "f",
      start: () => {
        okStarted = true;
        return Promise.resolve(ok.handle);
      },
    });
    await tick();
    await tick();
    expect(errors).toEqual(["bad"]);
    expect(okStarted).toBe(true);
  });
});
