import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { setVariableNode } from "./set-variable";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.variable.set", () => {
  it("stores the value and reports it", async () => {
    const ctx = createTestContext();
    const result = await runNode(setVariableNode, { name: "lastSync", value: "2026-01-01" }, undefined, ctx);
    expect(result.output).toEqual({ name: "lastSync", value: "2026-01-01", written: true });
    expect(ctx.variables.get("lastSync")).toBe("2026-01-01");
  });

  it("stores the input when no value is set", async () => {
    const ctx = createTestContext();
    await runNode(setVariableNode, { name: "rows" }, [1, 2], ctx);
    expect(ctx.variables.get("rows")).toEqual([1, 2]);
  });

  it("writes nothing in a dry run", async () => {
    const ctx = createTestContext({ dryRun: true, vars: { lastSync: "old" } });
    const result = await runNode(setVariableNode, { name: "lastSync", value: "new" }, undefined, ctx);
    expect(result.output).toEqual({ name: "lastSync", value: "new", written: false });
    expect(ctx.variables.get("lastSync")).toBe("old");
    expect(ctx.captured).toEqual([{ name: "lastSync", value: "new" }]);
    expect(setVariableNode.sideEffect).toBe(true);
  });
});

describe("core.variable.set through the engine", () => {
  const doc = flow(
    "Set",
    [node("start", "core.trigger.manual"), node("set", "core.variable.set", { name: "lastRun", value: "{{ params.stamp }}" })],
    [edge("start", "set")],
  );

  it("writes the variable in a normal run", async () => {
    const result = await runGolden(doc, { params: { stamp: "2026-01-01" } });
    expect(result.variables.get("lastRun")).toBe("2026-01-01");
  });

  it("writes nothing in a dry run", async () => {
    const result = await runGolden(doc, { params: { stamp: "2026-01-01" }, dryRun: true, vars: { lastRun: "old" } });
    expect(result.run.state).toBe("completed");
    expect(result.state("set")).toBe("dry-run");
    expect(result.output("set")).toMatchObject({ dryRun: true, request: { method: "SET", url: "var:lastRun", body: "2026-01-01" } });
    expect(result.variables.get("lastRun")).toBe("old");
  });
});
