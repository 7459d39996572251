import { describe, expect, it } from "vitest";
import { NonRetryableError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { failNode } from "./fail";

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
