import { describe, expect, it } from "vitest";
import { createTestContext, runNode } from "../test-context";
import { tableArtifactNode } from "./table-artifact";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.artifact.table", () => {
  it("turns records into rows under first-seen columns", async () => {
    const ctx = createTestContext();
    const input = [
      { a: 1, b: "x" },
      { b: "y", c: true },
    ];
    const result = await runNode(tableArtifactNode, { title: "Rows" }, input, ctx);
    expect(ctx.artifacts).toEqual([
      {
        kind: "table",
        title: "Rows",
        columns: ["a", "b", "c"],
        rows: [
          [1, "x", null],
          [null, "y", true],
        ],
      },
    ]);
    expect(result.output).toBe(input);
  });

  it("uses chosen dotted columns and puts scalars in a value column", async () => {
    const ctx = createTestContext();
    await runNode(tableArtifactNode, { columns: ["user.name"], items: [{ user: { name: "Ada" } }] }, null, ctx);
    await runNode(tableArtifactNode, {}, [1, 2], ctx);
    expect(ctx.artifacts.map((a) => (a.kind === "table" ? [a.columns, a.rows] : null))).toEqual([
      [["user.name"], [["Ada"]]],
      [["value"], [[1], [2]]],
    ]);
  });

  it("refuses more rows than a run page can show", async () => {
    await expect(
      runNode(
        tableArtifactNode,
        {},
        Array.from({ length: 10_001 }, () => ({ a: 1 })),
      ),
    ).rejects.toThrow(/at most 10000/);
  });
});

describe("core.artifact.table through the engine", () => {
  it("stores the rows as a table artifact", async () => {
    const doc = flow(
      "Table",
      [node("start", "core.trigger.manual"), node("table", "core.artifact.table", { title: "Rows", items: "{{ params.rows }}" })],
      [edge("start", "table")],
    );
    const result = await runGolden(doc, { params: { rows: [{ a: 1 }, { a: 2 }] } });
    expect(result.artifacts.map((a) => a.artifact)).toEqual([{ kind: "table", title: "Rows", columns: ["a"], rows: [[1], [2]] }]);
  });
});
