import { describe, expect, it } from "vitest";
import type { ParameterSpec } from "@/lib/engine/flow-document";
import { parseRunValues } from "./run-parameters";

const spec: Record<string, ParameterSpec> = {
  email: { type: "string", format: "email", required: true },
  count: { type: "integer" },
  ratio: { type: "number" },
  vip: { type: "boolean" },
  tags: { type: "array" },
  extra: { type: "object" },
  note: { type: "string" },
};

describe("run form values -> parameters", () => {
  it("converts typed values and leaves empty optional ones out", () => {
    expect(
      parseRunValues(spec, { email: "ada@example.com", count: "3", ratio: "0.5", vip: true, tags: '["a"]', extra: '{"k":1}', note: "" }),
    ).toEqual({
      ok: true,
      parameters: { email: "ada@example.com", count: 3, ratio: 0.5, vip: true, tags: ["a"], extra: { k: 1 } },
    });
  });

  it("names every wrong field", () => {
    const r = parseRunValues(spec, { email: "", count: "1.5", ratio: "x", vip: false, tags: "{}", extra: "[", note: "" });
    expect(r).toEqual({
      ok: false,
      errors: {
        email: "is required",
        count: "must be a whole number",
        ratio: "must be a number",
        tags: "must be a JSON array",
        extra: "must be JSON (object)",
      },
    });
    expect(parseRunValues({ email: spec.email! }, { email: "nope" })).toEqual({ ok: false, errors: { email: "must be an email address" } });
  });
});
