import { describe, expect, it } from "vitest";
import { NonRetryableError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { subflowNode } from "./subflow";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.flow.subflow", () => {
  it("runs the child flow with the parameters and outputs its result", async () => {
    const ctx = createTestContext({ runFlow: () => Promise.resolve({ runId: "run_child", state: "completed", output: { ok: 1 } }) });
    const result = await runNode(subflowNode, { flow: "enrich-lead", params: { email: "a@x.io" } }, null, ctx);
    expect(ctx.subflowCalls).toEqual([{ flowRef: "enrich-lead", params: { email: "a@x.io" } }]);
    expect(result.output).toEqual({ runId: "run_child", state: "completed", output: { ok: 1 } });
  });

  it("fails without retry when the child fails, unless told not to", async () => {
    const failing = (): ReturnType<typeof createTestContext> =>
      createTestContext({ runFlow: () => Promise.resolve({ runId: "run_c", state: "failed", output: null }) });
    const err = await runNode(subflowNode, { flow: "x" }, null, failing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as Error).message).toBe('Sub-flow "x" ended failed (run run_c)');
    const result = await runNode(subflowNode, { flow: "x", failOnError: false }, null, failing());
    expect(result.output).toEqual({ runId: "run_c", state: "failed", output: null });
  });
});

describe("core.flow.subflow through the engine", () => {
  it("runs the child flow as a linked run and outputs its result", async () => {
    const child = flow(
      "Child",
      [node("start", "core.trigger.manual"), node("double", "core.data.transform", { expression: "n * 2" })],
      [edge("start", "double")],
      {
        n: { type: "number", required: true },
      },
    );
    const parent = flow(
      "Parent",
      [node("start", "core.trigger.manual"), node("call", "core.flow.subflow", { flow: "child", params: { n: "{{ params.n }}" } })],
      [edge("start", "call")],
    );
    const result = await runGolden(parent, { params: { n: 21 }, flows: { child } });
    expect(result.run.state).toBe("completed");
    const output = result.output("call") as { runId: string; state: string; output: unknown };
    expect(output.state).toBe("completed");
    expect(output.output).toEqual({ double: 42 });
    expect((await result.getRun(output.runId))?.parentRunId).toBe(result.run.id);
  });
});
