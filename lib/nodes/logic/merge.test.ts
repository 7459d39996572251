import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { mergeNode } from "./merge";

const inputs = { left: [1, 2], right: { a: 1 }, third: 3 };

describe("core.logic.merge", () => {
  it("keys each live input by its source node by default", async () => {
    const result = await runNode(mergeNode, {}, undefined, createTestContext({ inputs }));
    expect(result.output).toEqual(inputs);
  });

  it("appends lists and single values in arrival order", async () => {
    const result = await runNode(mergeNode, { combine: "append" }, undefined, createTestContext({ inputs }));
    expect(result.output).toEqual([1, 2, { a: 1 }, 3]);
  });

  it("merges object inputs, later ones winning, ignoring non-objects", async () => {
    const ctx = createTestContext({ inputs: { a: { x: 1, y: 1 }, b: { y: 2 }, c: [9] } });
    const result = await runNode(mergeNode, { combine: "merge" }, undefined, ctx);
    expect(result.output).toEqual({ x: 1, y: 2 });
  });

  it("passes on the first value that arrived in mode first", async () => {
    const ctx = createTestContext({ inputs: { slow: "second?", fast: "x" } });
    expect((await runNode(mergeNode, { mode: "first" }, undefined, ctx)).output).toBe("second?");
  });
});
