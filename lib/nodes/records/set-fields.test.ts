import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { setFieldsNode } from "./set-fields";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.data.set-fields", () => {
  it("adds and overwrites fields on a copy of the input", async () => {
    const input = { name: "Ada", address: { city: "London", zip: "N1" } };
    const result = await runNode(setFieldsNode, { fields: { name: "Ada L.", "address.city": "Paris", score: 3 } }, input);
    expect(result.output).toEqual({ name: "Ada L.", address: { city: "Paris", zip: "N1" }, score: 3 });
    expect(input.address.city).toBe("London");
  });

  it("builds a fresh object when keepInput is off", async () => {
    const result = await runNode(setFieldsNode, { fields: { a: 1 }, keepInput: false }, { b: 2 });
    expect(result.output).toEqual({ a: 1 });
  });

  it("refuses prototype paths", async () => {
    await expect(runNode(setFieldsNode, { fields: { "__proto__.polluted": true } }, {})).rejects.toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("core.data.set-fields through the engine", () => {
  it("sets fields from expressions that keep their JSON type", async () => {
    const doc = flow(
      "Set",
      [
        node("start", "core.trigger.manual"),
        node("set", "core.data.set-fields", { fields: { total: "{{ params.a + params.b }}", label: "sum {{ params.a }}" } }),
      ],
      [edge("start", "set")],
    );
    const result = await runGolden(doc, { params: { a: 2, b: 3 } });
    expect(result.output("set")).toEqual({ a: 2, b: 3, total: 5, label: "sum 2" });
  });
});
