import { describe, expect, it } from "vitest";
import { NonRetryableError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { subflowNode } from "./subflow";

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
