import { describe, expect, it } from "vitest";
import { buildScope, completeAt, insideTemplate } from "./expression-completion";
import { previewExpression, type PreviewContext } from "./expression-preview";
import { outputFields } from "./schema-form";
import { sampleHttp } from "./sample-nodes.fixture";

const scope = buildScope({
  parameters: { email: { type: "string", format: "email" }, firstName: { type: "string", description: "Given name" } },
  vars: ["plans"],
  upstream: [
    {
      id: "fetch",
      label: "Fetch rows",
      fields: outputFields(sampleHttp.output),
      sample: { status: 200, headers: { etag: "x" }, body: { rows: [{ email: "a@b.c", score: 1 }] } },
    },
  ],
});
const labels = (text: string, opts = {}) => completeAt(text, text.length, scope, opts)?.items.map((i) => i.label) ?? null;

describe("expression completion", () => {
  it("offers the roots inside {{ }} only", () => {
    expect(labels("Hello {{ ")).toEqual(["params", "nodes", "vars", "run"]);
    expect(labels("Hello ")).toBeNull();
    expect(insideTemplate("{{ a }} b", 9)).toBe(false);
  });

  it("completes parameters, vars, run fields and upstream outputs from schema and last-run data", () => {
    expect(labels("{{ params.")).toEqual(["email", "firstName"]);
    expect(labels("{{ params.fi")).toEqual(["firstName"]);
    expect(labels("{{ vars.")).toEqual(["plans"]);
    expect(labels("{{ run.dr")).toEqual(["dryRun"]);
    expect(labels("{{ nodes.")).toEqual(["fetch"]);
    expect(labels("{{ nodes.fetch.output.")).toEqual(["status", "body", "headers"]);
    expect(labels("{{ nodes.fetch.output.body.rows.")).toEqual(["email", "score"]);
    expect(labels("{{ nodes.nope.")).toBeNull();
  });

  it("gives the range to replace", () => {
    const r = completeAt("{{ params.em }}", 12, scope)!;
    expect([r.from, r.to, r.items[0]?.label]).toEqual([10, 12, "email"]);
  });

  it("completes anywhere in a JSONata field", () => {
    expect(labels("$", { jsonata: true })).toEqual(null);
    expect(labels("params.e", { jsonata: true })).toEqual(["email"]);
  });
});

describe("expression preview", () => {
  const ctx: PreviewContext = {
    params: { email: "ada@example.com", n: 2 },
    nodes: { fetch: { output: { rows: [{ email: "a" }, { email: "b" }] } } },
    vars: {},
    run: { id: "r1", dryRun: false },
    input: { amount: 150 },
  };

  it("keeps the JSON type of a lone expression and interpolates mixed text", async () => {
    expect(await previewExpression("{{ params.n * 2 }}", ctx)).toEqual({ kind: "value", value: 4 });
    expect(await previewExpression("{{ nodes.fetch.output.rows.email }}", ctx)).toEqual({ kind: "value", value: ["a", "b"] });
    expect(await previewExpression("To: {{ params.email }} ({{ run.id }})", ctx)).toEqual({
      kind: "value",
      value: "To: ada@example.com (r1)",
    });
    expect(await previewExpression("plain", ctx)).toEqual({ kind: "none" });
  });

  it("evaluates a bare JSONata field over the input, and reports errors with a position", async () => {
    expect(await previewExpression("amount > 100", ctx, { jsonata: true })).toEqual({ kind: "value", value: true });
    expect(await previewExpression("$params.n", ctx, { jsonata: true })).toEqual({ kind: "value", value: 2 });
    const bad = await previewExpression("{{ params.( }}", ctx);
    expect(bad.kind).toBe("error");
  });
});
