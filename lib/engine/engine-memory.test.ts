import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createMemoryRunStore } from "./memory-run-store";
import type { RunStore } from "./run-store";
import { flow } from "./test-helpers/nodes";
import { gate, harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";

/**
 * A full collection, so a WeakRef tells whether anything still holds an output. A WeakRef's
 * target is kept until the event loop's next turn, hence the wait.
 */
async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** A store that, like a database, does not keep outputs in this process. */
function storeWithoutOutputs(): RunStore {
  const memory = createMemoryRunStore();
  return { ...memory, saveStep: (step) => memory.saveStep({ ...step, input: undefined, output: undefined, ports: undefined }) };
}

describe("outputs in a run's memory", () => {
  it("an upstream output is released once its readers are done, though a later node's expressions read another node", async () => {
    let rowsOutput: WeakRef<object> | undefined;
    const rows = scriptedNode("test.rows", () => {
      const out = Array.from({ length: 1000 }, (_, i) => ({ i }));
      rowsOutput = new WeakRef(out);
      return Promise.resolve(out);
    });
    const hold = gate();
    const reached = gate();
    const last = scriptedNode("test.last", async (_ctx, input) => {
      reached.open();
      await hold.promise;
      return input;
    });
    const h = harness([rows.def, last.def], { store: storeWithoutOutputs() });
    const doc = flow(
      [
        { id: "rows", type: "test.rows" },
        { id: "count", type: "test.echo", config: { value: "{{ $count(nodes.rows.output) }}" } },
        { id: "last", type: "test.last", config: { label: "{{ $string(nodes.count.output) }}" } },
      ],
      [
        { source: "rows", target: "count" },
        { source: "count", target: "last" },
      ],
    );
    const run = await h.start(doc);
    await reached.promise;
    // `last` is running and its expressions name `count` only: nothing may hold `rows` now.
    await collectGarbage();
    expect(rowsOutput).toBeDefined();
    expect(rowsOutput!.deref()).toBeUndefined();
    hold.open();
    const record = await h.finish(run);
    expect(record.output).toEqual({ last: 1000 });
  });
});
