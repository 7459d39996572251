import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { splitBatchesNode } from "./split-batches";
import { edge, flow, node, runGolden } from "../golden-harness";

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

describe("core.data.split-batches through the engine", () => {
  it("feeds one batch per element to a mapped node", async () => {
    const doc = flow(
      "Batches",
      [
        node("start", "core.trigger.manual"),
        node("batches", "core.data.split-batches", { items: "{{ params.ids }}", size: 2 }),
        node("sizes", "core.data.transform", { expression: "$count($)" }, { mapOver: "{{ nodes.batches.output }}" }),
      ],
      [edge("start", "batches"), edge("batches", "sizes")],
    );
    const result = await runGolden(doc, { params: { ids: [1, 2, 3, 4, 5] } });
    expect(result.output("batches")).toEqual([[1, 2], [3, 4], [5]]);
    expect(result.output("sizes")).toEqual([2, 2, 1]);
  });
});
