import { describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/engine/clock";
import { NonRetryableError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { qualityCheckNode } from "./quality-check";
import { edge, flow, node, runGolden } from "../golden-harness";

const NOW = Date.parse("2026-01-10T12:00:00Z");
const ctx = (): ReturnType<typeof createTestContext> => createTestContext({ clock: createFakeClock(NOW) });

const records = [
  { id: 1, email: "a@x.io", age: 30, plan: "pro", seen: "2026-01-10T00:00:00Z" },
  { id: 2, email: "", age: 30, plan: "pro", seen: "2026-01-10T00:00:00Z" },
  { id: 3, email: "c@x.io", age: 130, plan: "pro", seen: "2026-01-10T00:00:00Z" },
  { id: 1, email: "d@x.io", age: 40, plan: "pro", seen: "2026-01-10T00:00:00Z" },
  { id: 5, email: "not-an-email", age: "41", plan: "gold", seen: "2026-01-01T00:00:00Z" },
];

const rules = [
  { rule: "not-null", field: "email" },
  { rule: "range", field: "age", min: 0, max: 120 },
  { rule: "unique", field: "id" },
  { rule: "regex", field: "email", pattern: "^[^@\\s]+@[^@\\s]+$" },
  { rule: "one-of", field: "plan", values: ["free", "pro"] },
  { rule: "freshness", field: "seen", maxAgeHours: 48 },
];

describe("core.data.quality-check", () => {
  it("routes good records to out and bad ones, with violations, to quarantine", async () => {
    const result = await runNode(qualityCheckNode, { rules }, records, ctx());
    expect(result.ports.out).toEqual([records[0]]);
    const quarantine = result.ports.quarantine as { index: number; violations: { rule: string; message: string }[] }[];
    expect(quarantine.map((q) => q.index)).toEqual([1, 2, 3, 4]);
    expect(quarantine[0]?.violations.map((v) => v.message)).toEqual(["email is missing"]);
    expect(quarantine[1]?.violations.map((v) => v.message)).toEqual(["age is above 120"]);
    expect(quarantine[2]?.violations.map((v) => v.message)).toEqual(["id repeats an earlier value"]);
    expect(quarantine[3]?.violations.map((v) => v.rule)).toEqual(["regex", "one-of", "freshness"]);
  });

  it("scores the list and counts failures per rule", async () => {
    const result = await runNode(qualityCheckNode, { rules }, records, ctx());
    expect(result.output).toEqual({
      score: 0.2,
      status: "red",
      total: 5,
      passed: 1,
      quarantined: 4,
      rules: [
        { rule: "not-null", field: "email", failures: 1 },
        { rule: "range", field: "age", failures: 1 },
        { rule: "unique", field: "id", failures: 1 },
        { rule: "regex", field: "email", failures: 1 },
        { rule: "one-of", field: "plan", failures: 1 },
        { rule: "freshness", field: "seen", failures: 1 },
      ],
    });
  });

  it("grades green and amber by thresholds, and skips quarantine when all pass", async () => {
    const good = Array.from({ length: 20 }, (_, i) => ({ id: i }));
    const green = await runNode(qualityCheckNode, { rules: [{ rule: "unique", field: "id" }] }, good, ctx());
    expect(green.output).toMatchObject({ score: 1, status: "green" });
    expect(Object.keys(green.ports)).toEqual(["out"]);
    const oneBad = [...good.slice(0, 19), { id: 0 }];
    const amber = await runNode(qualityCheckNode, { rules: [{ rule: "unique", field: "id" }] }, oneBad, ctx());
    expect(amber.output).toMatchObject({ score: 0.95, status: "amber" });
  });

  it("lets missing values pass every rule but not-null", async () => {
    const result = await runNode(
      qualityCheckNode,
      { rules: rules.filter((r) => r.rule !== "not-null") },
      [{ seen: "2026-01-10T00:00:00Z" }, {}],
      ctx(),
    );
    expect(result.output).toMatchObject({ passed: 2, status: "green" });
  });

  it("fails the step when the status reaches failOn", async () => {
    const err = await runNode(qualityCheckNode, { rules, failOn: "red" }, records, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonRetryableError);
    expect((err as Error).message).toBe("Data quality is red: 4 of 5 records failed");
  });

  it("rejects invalid patterns and inverted thresholds in config", () => {
    expect(() => qualityCheckNode.config.parse({ rules: [{ rule: "regex", field: "a", pattern: "(" }] })).toThrow(/regular expression/);
    expect(() => qualityCheckNode.config.parse({ rules: [{ rule: "not-null", field: "a" }], greenAt: 0.5, amberAt: 0.9 })).toThrow(
      /Green from/,
    );
  });
});

describe("core.data.quality-check through the engine", () => {
  const doc = flow(
    "Quality",
    [
      node("start", "core.trigger.manual"),
      node("check", "core.data.quality-check", { items: "{{ params.rows }}", rules: [{ rule: "not-null", field: "email" }] }),
      node("good", "core.data.aggregate", { operations: [{ op: "count", as: "n" }] }),
      node("bad", "core.data.aggregate", { operations: [{ op: "collect", field: "index", as: "rows" }] }),
    ],
    [edge("start", "check"), edge("check", "good"), edge("check:quarantine", "bad")],
  );

  it("sends bad records down the quarantine branch", async () => {
    const result = await runGolden(doc, { params: { rows: [{ email: "a@x.io" }, { email: null }, { email: "c@x.io" }] } });
    expect(result.output("check")).toMatchObject({ status: "red", passed: 2, quarantined: 1 });
    expect(result.output("good")).toEqual({ n: 2 });
    expect(result.output("bad")).toEqual({ rows: [1] });
  });

  it("skips the quarantine branch when every record passes", async () => {
    const result = await runGolden(doc, { params: { rows: [{ email: "a@x.io" }] } });
    expect(result.state("bad")).toBe("skipped");
    expect(result.output("check")).toMatchObject({ status: "green", score: 1 });
  });
});
