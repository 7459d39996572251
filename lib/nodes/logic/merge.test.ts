import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { mergeNode } from "./merge";
import { edge, flow, node, runGolden } from "../golden-harness";

const inputs = { left: [1, 2], right: { a: 1 }, third: 3 };

describe("core.logic.merge", () => {
  it("keys each live input by its source node by default", async () => {
    const result = await runNode(mergeNode, {}, undefined, createTestContext({ inputs }));
    expect(result.output).toEqual(inputs);
  });

  it("appends lists and single values in input order", async () => {
    const result = await runNode(mergeNode, { combine: "append" }, undefined, createTestContext({ inputs }));
    expect(result.output).toEqual([1, 2, { a: 1 }, 3]);
  });

  it("merges object inputs, later ones winning, ignoring non-objects", async () => {
    const ctx = createTestContext({ inputs: { a: { x: 1, y: 1 }, b: { y: 2 }, c: [9] } });
    const result = await runNode(mergeNode, { combine: "merge" }, undefined, ctx);
    expect(result.output).toEqual({ x: 1, y: 2 });
  });

  it("passes on the first live input in mode first", async () => {
    const ctx = createTestContext({ inputs: { upper: "u", lower: "l" } });
    expect((await runNode(mergeNode, { mode: "first" }, undefined, ctx)).output).toBe("u");
  });
});

describe("core.logic.merge through the engine", () => {
  it("waits for both parallel branches and keys their values by node", async () => {
    const doc = flow(
      "Merge",
      [
        node("start", "core.trigger.manual"),
        node("left", "core.data.transform", { expression: "a * 2" }),
        node("right", "core.data.transform", { expression: "a + 1" }),
        node("join", "core.logic.merge", { combine: "object" }),
      ],
      [edge("start", "left"), edge("start", "right"), edge("left", "join"), edge("right", "join")],
    );
    const result = await runGolden(doc, { params: { a: 10 } });
    expect(result.run.state).toBe("completed");
    expect(result.output("join")).toEqual({ left: 20, right: 11 });
  });

  it("sees only the live branch behind an if", async () => {
    const doc = flow(
      "Merge after if",
      [
        node("start", "core.trigger.manual"),
        node("check", "core.logic.if", { condition: "go" }),
        node("yes", "core.data.set-fields", { fields: { via: "yes" } }),
        node("no", "core.data.set-fields", { fields: { via: "no" } }),
        node("join", "core.logic.merge", { mode: "first" }),
      ],
      [edge("start", "check"), edge("check:true", "yes"), edge("check:false", "no"), edge("yes", "join"), edge("no", "join")],
    );
    const result = await runGolden(doc, { params: { go: false } });
    expect(result.state("join")).toBe("completed");
    expect(result.output("join")).toEqual({ go: false, via: "no" });
  });
});
