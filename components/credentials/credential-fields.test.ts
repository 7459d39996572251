import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { buildData, credentialFormFields, initialValues } from "./credential-fields";

const definition = defineCredential({
  type: "test.api",
  title: "Test API",
  description: "",
  icon: "key",
  fields: z.object({
    token: z.string().min(1).meta({ title: "API token" }),
    region: z.enum(["eu", "us"]).default("eu"),
    baseUrl: z.url().optional(),
    retries: z.number().int().optional(),
  }),
  secretFields: ["token"],
});

describe("credential form", () => {
  const fields = credentialFormFields(definition);

  it("marks secret fields and never pre-fills them", () => {
    expect(fields.map((f) => [f.key, f.secret, f.kind])).toEqual([
      ["token", true, "string"],
      ["region", false, "enum"],
      ["baseUrl", false, "string"],
      ["retries", false, "integer"],
    ]);
    expect(initialValues(fields, { token: "should-not-show", region: "us" })).toEqual({
      token: "",
      region: "us",
      baseUrl: "",
      retries: "",
    });
  });

  it("sends every filled field on create and requires required ones", () => {
    expect(buildData(fields, { token: "", region: "eu", baseUrl: "", retries: "" }, "create")).toEqual({
      ok: false,
      errors: { token: "is required" },
    });
    expect(buildData(fields, { token: "abc", region: "eu", baseUrl: "", retries: "3" }, "create")).toEqual({
      ok: true,
      data: { token: "abc", region: "eu", retries: 3 },
    });
  });

  it("leaves an empty secret out on edit (kept) and clears an emptied optional field", () => {
    expect(buildData(fields, { token: "", region: "us", baseUrl: "", retries: "" }, "edit")).toEqual({
      ok: true,
      data: { region: "us", baseUrl: null, retries: null },
    });
  });

  it("names a field that is not a number", () => {
    expect(buildData(fields, { token: "a", region: "eu", baseUrl: "", retries: "1.5" }, "create")).toEqual({
      ok: false,
      errors: { retries: "must be an integer" },
    });
  });
});
