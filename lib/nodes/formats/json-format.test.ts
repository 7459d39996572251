import { describe, expect, it } from "vitest";
import { runNode } from "../test-context";
import { jsonFormatNode } from "./json-format";

describe("core.data.json-format", () => {
  it("writes the input on one line or indented", async () => {
    expect((await runNode(jsonFormatNode, {}, { a: 1 })).output).toBe('{"a":1}');
    expect((await runNode(jsonFormatNode, { indent: 2, value: [1] }, null)).output).toBe("[\n  1\n]");
  });

  it("writes null for a missing value", async () => {
    expect((await runNode(jsonFormatNode, {}, undefined)).output).toBe("null");
  });
});
