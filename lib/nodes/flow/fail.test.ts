import { describe, expect, it } from "vitest";
import { NonRetryableError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { failNode } from "./fail";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.flow.fail", () => {
  it("throws a non-retryable error with the message and details", async () => {
    const err = await runNode(failNode, { message: "Order 7 has no customer", details: { order: 7 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect(err).toMatchObject({ message: "Order 7 has no customer", retryable: false, details: { order: 7 } });
  });

  it("has no output ports", () => {
    expect(failNode.ports).toEqual([]);
  });
});

describe("core.flow.fail through the engine", () => {
  it("fails the run with the message and does not retry", async () => {
    const doc = flow(
      "Fail",
      [
        node("start", "core.trigger.manual"),
        node("stop", "core.flow.fail", { message: "Order {{ params.id }} is broken" }, { retries: 3 }),
      ],
      [edge("start", "stop")],
    );
    const result = await runGolden(doc, { params: { id: 7 } });
    expect(result.run.state).toBe("failed");
    expect(result.steps.get("stop")?.error?.message).toBe("Order 7 is broken");
    expect(result.steps.get("stop")?.attempts).toHaveLength(1);
  });
});
