import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { getVariableNode } from "./get-variable";
import { edge, flow, node, runGolden } from "../golden-harness";

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

describe("core.variable.get through the engine", () => {
  it("reads a workspace variable", async () => {
    const doc = flow(
      "Get",
      [node("start", "core.trigger.manual"), node("get", "core.variable.get", { name: "limits" })],
      [edge("start", "get")],
    );
    const result = await runGolden(doc, { vars: { limits: { daily: 5 } } });
    expect(result.output("get")).toEqual({ daily: 5 });
  });
});
