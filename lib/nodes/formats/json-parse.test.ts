import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { jsonParseNode } from "./json-parse";

describe("core.data.json-parse", () => {
  it("parses the input text or the text field", async () => {
    expect((await runNode(jsonParseNode, {}, '{"a":[1,true,null]}')).output).toEqual({ a: [1, true, null] });
    expect((await runNode(jsonParseNode, { text: "42" }, "ignored")).output).toBe(42);
  });

  it("names the field on invalid JSON or non-text input", async () => {
    const err = await runNode(jsonParseNode, {}, "{oops").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(["text"]);
    await expect(runNode(jsonParseNode, {}, 5)).rejects.toThrow(/needs text/);
  });
});
