import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { filterNode } from "./filter";
import { edge, flow, node, runGolden } from "../golden-harness";

const people = [
  { name: "Ada", age: 36 },
  { name: "Bo", age: 12 },
  { name: "Cy", age: 18 },
];

describe("core.data.filter", () => {
  it("keeps matching elements on out and sends the rest to discarded", async () => {
    const result = await runNode(filterNode, { condition: "age >= 18" }, people);
    expect(result.output).toEqual([people[0], people[2]]);
    expect(result.ports).toEqual({ out: [people[0], people[2]], discarded: [people[1]] });
  });

  it("does not take discarded when every element is kept", async () => {
    const result = await runNode(filterNode, { condition: "true" }, people);
    expect(Object.keys(result.ports)).toEqual(["out"]);
  });

  it("binds $index and reads the items field over the input", async () => {
    const result = await runNode(filterNode, { items: ["a", "b", "c"], condition: "$index != 1" }, "ignored");
    expect(result.output).toEqual(["a", "c"]);
  });

  it("rejects an input that is not a list", async () => {
    await expect(runNode(filterNode, { condition: "true" }, { not: "a list" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("core.data.filter through the engine", () => {
  it("sends kept rows on out and dropped rows on discarded", async () => {
    const doc = flow(
      "Filter",
      [
        node("start", "core.trigger.manual"),
        node("adults", "core.data.filter", { items: "{{ params.people }}", condition: "age >= 18" }),
        node("keptCount", "core.data.aggregate", { operations: [{ op: "count", as: "n" }] }),
        node("droppedCount", "core.data.aggregate", { operations: [{ op: "count", as: "n" }] }),
      ],
      [edge("start", "adults"), edge("adults", "keptCount"), edge("adults:discarded", "droppedCount")],
    );
    const result = await runGolden(doc, { params: { people } });
    expect(result.output("adults")).toEqual([people[0], people[2]]);
    expect(result.output("keptCount")).toEqual({ n: 2 });
    expect(result.output("droppedCount")).toEqual({ n: 1 });
  });
});
