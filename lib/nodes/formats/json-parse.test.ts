import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { runNode } from "../test-context";
import { jsonParseNode } from "./json-parse";
import { edge, flow, node, runGolden } from "../golden-harness";

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

describe("core.data.json-parse through the engine", () => {
  it("parses text from a parameter", async () => {
    const doc = flow(
      "JSON",
      [node("start", "core.trigger.manual"), node("parse", "core.data.json-parse", { text: "{{ params.body }}" })],
      [edge("start", "parse")],
    );
    const result = await runGolden(doc, { params: { body: '{"ok":true}' } });
    expect(result.output("parse")).toEqual({ ok: true });
  });

  it("fails the run on invalid JSON", async () => {
    const doc = flow(
      "JSON",
      [node("start", "core.trigger.manual"), node("parse", "core.data.json-parse", { text: "{{ params.body }}" })],
      [edge("start", "parse")],
    );
    const result = await runGolden(doc, { params: { body: "{" } });
    expect(result.run.state).toBe("failed");
    expect(result.steps.get("parse")?.error?.category).toBe("validation");
  });
});
