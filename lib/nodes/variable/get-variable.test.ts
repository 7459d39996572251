import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { getVariableNode } from "./get-variable";

describe("core.variable.get", () => {
  it("reads the current value", async () => {
    const ctx = createTestContext({ vars: { threshold: { min: 3 } } });
    expect((await runNode(getVariableNode, { name: "threshold" }, undefined, ctx)).output).toEqual({ min: 3 });
  });

  it("returns the default or null for a missing variable, or fails when required", async () => {
    expect((await runNode(getVariableNode, { name: "missing", default: 7 })).output).toBe(7);
    expect((await runNode(getVariableNode, { name: "missing" })).output).toBeNull();
    await expect(runNode(getVariableNode, { name: "missing", required: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects malformed names", () => {
    expect(() => getVariableNode.config.parse({ name: "1bad" })).toThrow();
    expect(() => getVariableNode.config.parse({ name: "" })).toThrow();
  });
});
