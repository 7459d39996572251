import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { filterNode } from "./filter";

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
