import { describe, expect, it } from "vitest";
import { NonRetryableError } from "./errors";
import { flow } from "./test-helpers/nodes";
import { harness } from "./test-helpers/harness";
import { scriptedNode } from "./test-helpers/scripted";
import type { NodeSettings } from "./flow-document";

const failing = () =>
  scriptedNode("test.scripted", () => Promise.reject(new NonRetryableError("vendor said no", { details: { code: 42 } })));

const doc = (settings: NodeSettings) =>
  flow(
    [
      { id: "start", type: "test.trigger" },
      { id: "risky", type: "test.scripted", settings },
      { id: "onOut", type: "test.echo" },
      { id: "onError", type: "test.echo" },
    ],
    [
      { source: "start", target: "risky" },
      { source: "risky", target: "onOut" },
      ...(settings.onError === "route" ? [{ source: "risky", sourcePort: "error", target: "onError" }] : []),
    ],
  );

describe("onError", () => {
  it("fail: the run fails and nothing downstream runs", async () => {
    const h = harness([failing().def]);
    const run = await h.start(doc({ onError: "fail" }));
    const record = await h.finish(run);
    expect(record.state).toBe("failed");
    expect(record.error).toMatchObject({ category: "non_retryable", message: 'Node "risky" failed: vendor said no' });
    const keys = (await h.store.listSteps(run.runId)).map((s) => s.key);
    expect(keys).toContain("risky");
    expect(keys).not.toContain("onOut");
  });

  it("continue: output null, error recorded, downstream continues, run completes", async () => {
    const h = harness([failing().def]);
    const run = await h.start(doc({ onError: "continue" }));
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("risky")).toMatchObject({
      state: "failed",
      output: null,
      error: { message: "vendor said no", details: { code: 42 } },
    });
    expect(steps.get("onOut")).toMatchObject({ state: "completed", input: null });
  });

  it("route: the error object goes to the error port and `out` is not taken", async () => {
    const h = harness([failing().def]);
    const run = await h.start(doc({ onError: "route" }));
    const record = await h.finish(run);
    expect(record.state).toBe("completed");
    const steps = new Map((await h.store.listSteps(run.runId)).map((s) => [s.key, s]));
    expect(steps.get("onOut")?.state).toBe("skipped");
    expect(steps.get("onError")).toMatchObject({
      state: "completed",
      output: { nodeId: "risky", name: "NonRetryableError", message: "vendor said no", category: "non_retryable", details: { code: 42 } },
    });
  });
});
