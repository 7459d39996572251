import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { jsonFormatNode } from "./json-format";
import { edge, flow, node, runGolden } from "../golden-harness";

describe("core.data.json-format", () => {
  it("writes the input on one line or indented", async () => {
    expect((await runNode(jsonFormatNode, {}, { a: 1 })).output).toBe('{"a":1}');
    expect((await runNode(jsonFormatNode, { indent: 2, value: [1] }, null)).output).toBe("[\n  1\n]");
  });

  it("writes null for a missing value", async () => {
    expect((await runNode(jsonFormatNode, {}, undefined)).output).toBe("null");
  });
});

describe("core.data.json-format through the engine", () => {
  it("writes the input as JSON text", async () => {
    const doc = flow(
      "JSON out",
      [node("start", "core.trigger.manual"), node("text", "core.data.json-format", {})],
      [edge("start", "text")],
    );
    const result = await runGolden(doc, { params: { a: [1, 2] } });
    expect(result.output("text")).toBe('{"a":[1,2]}');
  });
});
