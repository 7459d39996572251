import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { lookupNode } from "./lookup";
import { edge, flow, node, runGolden } from "../golden-harness";

const vars = {
  teams: [
    { team: "Web", project: "WEB", lead: { name: "Ada" } },
    { team: "Data", project: "DAT", lead: { name: "Bo" } },
  ],
  priorities: { high: { jira: "P1" }, low: { jira: "P4" } },
  codes: { "1": "one" },
};

const run = (config: Record<string, unknown>): ReturnType<typeof runNode> =>
  runNode(lookupNode, config, undefined, createTestContext({ vars }));

describe("core.data.lookup", () => {
  it("finds a row by key column and returns a value column", async () => {
    expect((await run({ variable: "teams", key: "Data", keyColumn: "team", valueColumn: "project" })).output).toEqual({
      found: true,
      value: "DAT",
    });
    expect((await run({ variable: "teams", key: "Web", keyColumn: "team", valueColumn: "lead.name" })).output).toEqual({
      found: true,
      value: "Ada",
    });
  });

  it("returns the whole row without a value column", async () => {
    expect((await run({ variable: "teams", key: "Web", keyColumn: "team" })).output).toEqual({ found: true, value: vars.teams[0] });
  });

  it("looks keys up in an object map, optionally ignoring case, numbers matching text keys", async () => {
    expect((await run({ variable: "priorities", key: "high", valueColumn: "jira" })).output).toEqual({ found: true, value: "P1" });
    expect((await run({ variable: "priorities", key: " LOW ", ignoreCase: true, valueColumn: "jira" })).output).toEqual({
      found: true,
      value: "P4",
    });
    expect((await run({ variable: "codes", key: 1 })).output).toEqual({ found: true, value: "one" });
  });

  it("returns the default, or fails when asked, for a missing key", async () => {
    expect((await run({ variable: "priorities", key: "urgent", default: { jira: "P3" } })).output).toEqual({
      found: false,
      value: { jira: "P3" },
    });
    await expect(run({ variable: "priorities", key: "urgent", onMissing: "fail" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("explains a missing variable, a missing key column and a scalar variable", async () => {
    await expect(run({ variable: "nope", key: "x" })).rejects.toThrow(/"nope" does not exist/);
    await expect(run({ variable: "teams", key: "x" })).rejects.toBeInstanceOf(ValidationError);
    const ctx = createTestContext({ vars: { n: 5 } });
    await expect(runNode(lookupNode, { variable: "n", key: "x" }, undefined, ctx)).rejects.toThrow(/neither a list/);
  });

  it("does not treat inherited properties as keys", async () => {
    expect((await run({ variable: "priorities", key: "toString" })).output).toEqual({ found: false, value: null });
  });
});

describe("core.data.lookup through the engine", () => {
  it("maps each row's team to its project from a variable table", async () => {
    const doc = flow(
      "Lookup",
      [
        node("start", "core.trigger.manual"),
        node(
          "project",
          "core.data.lookup",
          { variable: "teams", key: "{{ item.team }}", keyColumn: "team", valueColumn: "project", default: "MISC" },
          { mapOver: "{{ params.rows }}" },
        ),
      ],
      [edge("start", "project")],
    );
    const result = await runGolden(doc, { vars, params: { rows: [{ team: "Data" }, { team: "Ops" }] } });
    expect(result.output("project")).toEqual([
      { found: true, value: "DAT" },
      { found: false, value: "MISC" },
    ]);
  });
});
