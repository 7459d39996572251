import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { removeDuplicatesNode } from "./remove-duplicates";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.data.remove-duplicates", () => {
  it("compares whole records regardless of key order", async () => {
    const result = await runNode(removeDuplicatesNode, {}, [{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 2 }]);
    expect(result.output).toEqual([{ a: 1, b: 2 }, { a: 2 }]);
    expect(result.ports.duplicates).toEqual([{ b: 2, a: 1 }]);
  });

  it("compares chosen fields, ignoring case, keeping the first", async () => {
    const rows = [
      { email: "Ada@x.io", n: 1 },
      { email: " ada@x.io ", n: 2 },
      { email: "bo@x.io", n: 3 },
    ];
    const result = await runNode(removeDuplicatesNode, { fields: ["email"], ignoreCase: true }, rows);
    expect(result.output).toEqual([rows[0], rows[2]]);
  });

  it("keeps the last duplicate in original order when asked", async () => {
    const rows = [
      { id: 1, v: "old" },
      { id: 2, v: "x" },
      { id: 1, v: "new" },
    ];
    const result = await runNode(removeDuplicatesNode, { fields: ["id"], keep: "last" }, rows);
    expect(result.output).toEqual([rows[1], rows[2]]);
    expect(result.ports.duplicates).toEqual([rows[0]]);
  });

  it("takes only out when there are no duplicates", async () => {
    const result = await runNode(removeDuplicatesNode, {}, [1, 2, 3]);
    expect(Object.keys(result.ports)).toEqual(["out"]);
  });
});

describe("core.data.remove-duplicates through the engine", () => {
  it("dedupes and routes duplicates to their own branch", async () => {
    const doc = flow(
      "Dedupe",
      [
        node("start", "core.trigger.manual"),
        node("dedupe", "core.data.remove-duplicates", { items: "{{ params.emails }}", ignoreCase: true }),
        node("dupes", "core.data.aggregate", { operations: [{ op: "count", as: "n" }] }),
      ],
      [edge("start", "dedupe"), edge("dedupe:duplicates", "dupes")],
    );
    const result = await runGolden(doc, { params: { emails: ["a@x.io", "A@x.io ", "b@x.io"] } });
    expect(result.output("dedupe")).toEqual(["a@x.io", "b@x.io"]);
    expect(result.output("dupes")).toEqual({ n: 1 });
  });
});
