import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { aggregateNode } from "./aggregate";
import { edge, flow, node, runGolden } from "../golden-harness";

const orders = [
  { region: "eu", amount: 10, customer: "a" },
  { region: "us", amount: 5, customer: "b" },
  { region: "eu", amount: 30, customer: "a" },
  { region: "eu", amount: null, customer: "c" },
];

describe("core.data.aggregate", () => {
  it("computes totals over the whole list", async () => {
    const result = await runNode(
      aggregateNode,
      {
        operations: [
          { op: "count", as: "n" },
          { op: "sum", field: "amount", as: "total" },
          { op: "avg", field: "amount", as: "mean" },
          { op: "min", field: "amount", as: "low" },
          { op: "max", field: "amount", as: "high" },
          { op: "count-distinct", field: "customer", as: "customers" },
          { op: "first", field: "region", as: "firstRegion" },
          { op: "last", field: "customer", as: "lastCustomer" },
        ],
      },
      orders,
    );
    expect(result.output).toEqual({ n: 4, total: 45, mean: 15, low: 5, high: 30, customers: 3, firstRegion: "eu", lastCustomer: "c" });
  });

  it("groups rows in first-seen order", async () => {
    const result = await runNode(
      aggregateNode,
      {
        groupBy: ["region"],
        operations: [
          { op: "sum", field: "amount", as: "total" },
          { op: "collect", field: "customer", as: "customers" },
        ],
      },
      orders,
    );
    expect(result.output).toEqual([
      { region: "eu", total: 40, customers: ["a", "a", "c"] },
      { region: "us", total: 5, customers: ["b"] },
    ]);
  });

  it("gives null averages and extremes for an empty list", async () => {
    const result = await runNode(
      aggregateNode,
      {
        operations: [
          { op: "avg", field: "x", as: "mean" },
          { op: "max", field: "x", as: "high" },
          { op: "count", as: "n" },
        ],
      },
      [],
    );
    expect(result.output).toEqual({ mean: null, high: null, n: 0 });
  });

  it("requires a field for operations other than count", () => {
    expect(() => aggregateNode.config.parse({ operations: [{ op: "sum", as: "s" }] })).toThrow(/needs a field/);
  });
});

describe("core.data.aggregate through the engine", () => {
  it("groups the items given by an expression", async () => {
    const doc = flow(
      "Aggregate",
      [
        node("start", "core.trigger.manual"),
        node("totals", "core.data.aggregate", {
          items: "{{ params.orders }}",
          groupBy: ["region"],
          operations: [{ op: "sum", field: "amount", as: "total" }],
        }),
      ],
      [edge("start", "totals")],
    );
    const result = await runGolden(doc, { params: { orders } });
    expect(result.output("totals")).toEqual([
      { region: "eu", total: 40 },
      { region: "us", total: 5 },
    ]);
  });
});
