import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { splitBatchesNode } from "./split-batches";

describe("core.data.split-batches", () => {
  it("cuts a list into batches of at most size", async () => {
    const result = await runNode(splitBatchesNode, { size: 2 }, [1, 2, 3, 4, 5]);
    expect(result.output).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("returns no batches for an empty list and one batch when size exceeds length", async () => {
    expect((await runNode(splitBatchesNode, { size: 3 }, [])).output).toEqual([]);
    expect((await runNode(splitBatchesNode, { size: 10, items: ["a", "b"] }, null)).output).toEqual([["a", "b"]]);
  });

  it("rejects a size below one", () => {
    expect(() => splitBatchesNode.config.parse({ size: 0 })).toThrow();
  });
});
