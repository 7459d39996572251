import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { ifNode } from "./if";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.logic.if", () => {
  it("routes the input to true when the JSONata condition holds", async () => {
    const result = await runNode(ifNode, { condition: 'amount > 100 and status = "open"' }, { amount: 150, status: "open" });
    expect(result.output).toEqual({ result: true });
    expect(result.ports).toEqual({ true: { amount: 150, status: "open" } });
  });

  it("routes to false and takes only that port", async () => {
    const result = await runNode(ifNode, { condition: "amount > 100" }, { amount: 5 });
    expect(result.ports).toEqual({ false: { amount: 5 } });
  });

  it("accepts a boolean resolved from an expression", async () => {
    expect((await runNode(ifNode, { condition: true }, "x")).ports).toEqual({ true: "x" });
    expect((await runNode(ifNode, { condition: false }, "x")).ports).toEqual({ false: "x" });
  });

  it("binds the run parameters as $params", async () => {
    const ctx = createTestContext({ params: { limit: 10 } });
    const result = await runNode(ifNode, { condition: "value >= $params.limit" }, { value: 12 }, ctx);
    expect(result.output).toEqual({ result: true });
  });

  it("treats non-boolean results by JSONata truthiness", async () => {
    expect((await runNode(ifNode, { condition: "tags" }, { tags: [] })).output).toEqual({ result: false });
    expect((await runNode(ifNode, { condition: "name" }, { name: "Ada" })).output).toEqual({ result: true });
    expect((await runNode(ifNode, { condition: "missing" }, {})).output).toEqual({ result: false });
  });

  it("reports a syntax error with the field and position", async () => {
    const err = await runNode(ifNode, { condition: "amount >" }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(["condition"]);
    expect((err as Error).message).toMatch(/"condition" at position \d+/);
  });
});

describe("core.logic.if through the engine", () => {
  const doc = flow(
    "If",
    [
      node("start", "core.trigger.manual"),
      node("check", "core.logic.if", { condition: "amount > 100" }),
      node("big", "core.data.set-fields", { fields: { tier: "big" } }),
      node("small", "core.data.set-fields", { fields: { tier: "small" } }),
    ],
    [edge("start", "check"), edge("check:true", "big"), edge("check:false", "small")],
  );

  it("runs the taken branch and skips the other", async () => {
    const result = await runGolden(doc, { params: { amount: 150 } });
    expect(result.run.state).toBe("completed");
    expect(result.output("check")).toEqual({ result: true });
    expect(result.output("big")).toEqual({ amount: 150, tier: "big" });
    expect(result.state("small")).toBe("skipped");
  });

  it("takes the false branch for small amounts", async () => {
    const result = await runGolden(doc, { params: { amount: 5 } });
    expect(result.state("big")).toBe("skipped");
    expect(result.output("small")).toEqual({ amount: 5, tier: "small" });
  });
});
