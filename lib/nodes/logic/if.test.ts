import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { ifNode } from "./if";

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
