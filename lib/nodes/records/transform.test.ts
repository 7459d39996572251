import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { createTestContext, runNode } from "../test-context";
import { transformNode } from "./transform";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.data.transform", () => {
  it("evaluates JSONata over the whole input", async () => {
    const input = { first: "Ada", last: "Lovelace", items: [{ price: 2 }, { price: 3 }] };
    const result = await runNode(transformNode, { expression: '{ "name": first & " " & last, "total": $sum(items.price) }' }, input);
    expect(result.output).toEqual({ name: "Ada Lovelace", total: 5 });
  });

  it("runs per element in each mode, binding $index", async () => {
    const result = await runNode(transformNode, { expression: "{ 'n': n * 10, 'i': $index }", mode: "each" }, [{ n: 1 }, { n: 2 }]);
    expect(result.output).toEqual([
      { n: 10, i: 0 },
      { n: 20, i: 1 },
    ]);
  });

  it("binds $params and $run", async () => {
    const ctx = createTestContext({ params: { currency: "EUR" }, run: { flowName: "Invoices" } });
    const result = await runNode(transformNode, { expression: "$params.currency & ' ' & $run.flowName" }, {}, ctx);
    expect(result.output).toBe("EUR Invoices");
  });

  it("returns plain arrays, not JSONata sequences", async () => {
    const result = await runNode(transformNode, { expression: "rows.id" }, { rows: [{ id: 1 }, { id: 2 }] });
    expect(JSON.stringify(result.output)).toBe("[1,2]");
    expect(Object.getOwnPropertyNames(result.output)).toEqual(["0", "1", "length"]);
  });

  it("wraps evaluation errors with the field name", async () => {
    const err = await runNode(transformNode, { expression: "$number('abc') + {}" }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('"expression"');
  });
});

describe("core.data.transform expressions", () => {
  it("handles object constructors and strings holding braces", async () => {
    const result = await runNode(transformNode, { expression: '{ "a": { "b": x }, "s": "}} {{" }' }, { x: 1 });
    expect(result.output).toEqual({ a: { b: 1 }, s: "}} {{" });
  });

  it("blocks $eval like {{ }} expressions do", async () => {
    await expect(runNode(transformNode, { expression: '$eval("1+1")' }, {})).rejects.toThrow(/eval/);
  });

  it("reports syntax error positions within the field's own text", async () => {
    const err = (await runNode(transformNode, { expression: "a +" }, {}).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^JSONata in "expression" at position [0-3]: /);
  });
});

describe("core.data.transform through the engine", () => {
  it("transforms the upstream output and runs once per element under mapOver", async () => {
    const doc = flow(
      "Transform",
      [
        node("start", "core.trigger.manual"),
        node("rows", "core.data.transform", { expression: "items[price > 1]" }),
        node(
          "each",
          "core.data.transform",
          { expression: "{ 'sku': $.sku, 'cents': $.price * 100 }" },
          { mapOver: "{{ nodes.rows.output }}", mapConcurrency: 2 },
        ),
      ],
      [edge("start", "rows"), edge("rows", "each")],
    );
    const items = [
      { sku: "a", price: 2 },
      { sku: "b", price: 1 },
      { sku: "c", price: 3 },
    ];
    const result = await runGolden(doc, { params: { items } });
    expect(result.run.state).toBe("completed");
    expect(result.output("rows")).toEqual([items[0], items[2]]);
    expect(result.output("each")).toEqual([
      { sku: "a", cents: 200 },
      { sku: "c", cents: 300 },
    ]);
  });
});
