import { describe, expect, it } from "vitest";
import { z } from "zod";
import { humanize, outputFields, schemaToFields } from "./schema-form";
import { sampleHttp } from "./sample-nodes.fixture";

describe("zod schema -> inspector fields", () => {
  const fields = schemaToFields(sampleHttp.config);
  const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));

  it("maps each zod type to its widget, with labels, help, defaults and required flags", () => {
    expect(byKey.url).toMatchObject({
      kind: "string",
      label: "URL",
      description: "Where to send the request",
      required: true,
      expression: true,
    });
    expect(byKey.method).toMatchObject({ kind: "enum", options: ["GET", "POST"], default: "GET", expression: false });
    expect(byKey.headers).toMatchObject({ kind: "keyvalue", required: false, label: "Headers" });
    expect(byKey.timeout).toMatchObject({ kind: "integer", min: 1, max: 600 });
    expect(byKey.followRedirects).toMatchObject({ kind: "boolean", default: true, label: "Follow redirects" });
    expect(byKey.tags).toMatchObject({ kind: "list", itemKind: "string" });
    expect(byKey.body).toMatchObject({ kind: "json" });
    expect(byKey.auth?.kind).toBe("object");
    expect(byKey.auth?.fields?.map((f) => [f.key, f.kind])).toEqual([
      ["user", "string"],
      ["scheme", "enum"],
    ]);
  });

  it("honours widget hints from .meta()", () => {
    const f = schemaToFields(
      z.object({
        condition: z.string().meta({ widget: "jsonata" }),
        code: z.string().meta({ widget: "code" }),
        map: z.record(z.string(), z.unknown()).meta({ widget: "keyvalue" }),
        either: z.union([z.boolean(), z.string()]).meta({ widget: "jsonata" }),
      }),
    );
    expect(f.map((x) => [x.key, x.kind, x.expression, x.jsonata ?? false])).toEqual([
      ["condition", "textarea", true, true],
      ["code", "code", false, false],
      ["map", "keyvalue", true, false],
      ["either", "textarea", true, true],
    ]);
  });

  it("falls back to one JSON field for non-object schemas", () => {
    expect(schemaToFields(z.string())).toEqual([{ key: "", label: "Configuration", kind: "json", required: false, expression: false }]);
  });

  it("lists output fields through arrays, for completion", () => {
    expect(outputFields(sampleHttp.output).map((f) => f.path.join("."))).toEqual(["status", "body", "body.rows", "body.rows.email"]);
    expect(humanize("firstName")).toBe("First name");
    expect(humanize("api_key")).toBe("Api key");
  });
});
