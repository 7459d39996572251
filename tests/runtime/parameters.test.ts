import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { validateParameters } from "@/lib/server/runtime/parameters";

const doc = (parameters?: FlowDocument["parameters"]): FlowDocument => ({
  schema: "switchyard.flow/v1",
  name: "p",
  parameters,
  nodes: [],
  edges: [],
});

describe("run parameters", () => {
  const spec = doc({
    email: { type: "string", format: "email", required: true },
    count: { type: "integer", default: 3 },
    tier: { type: "string", enum: ["free", "pro"] },
    flag: { type: "boolean" },
  });

  it("accepts valid parameters and fills in defaults", () => {
    expect(validateParameters(spec, { email: "ada@example.com", tier: "pro" })).toEqual({
      ok: true,
      params: { email: "ada@example.com", count: 3, tier: "pro" },
    });
  });

  it("names every wrong field", () => {
    const result = validateParameters(spec, { email: "not-an-email", count: 1.5, tier: "gold", flag: "yes", extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.problems.map((p) => [p.path.join("."), p.message]));
    expect(byField).toEqual({
      "parameters.email": "must be an email address",
      "parameters.count": "must be an integer",
      "parameters.tier": 'must be one of "free", "pro"',
      "parameters.flag": "must be true or false",
      "parameters.extra": "is not a parameter of this flow",
    });
  });

  it("requires required parameters", () => {
    const result = validateParameters(spec, {});
    expect(result).toEqual({ ok: false, problems: [{ path: ["parameters", "email"], message: "is required" }] });
  });

  it("passes any object through when the flow declares no parameters", () => {
    expect(validateParameters(doc(), { anything: [1] })).toEqual({ ok: true, params: { anything: [1] } });
  });
});
