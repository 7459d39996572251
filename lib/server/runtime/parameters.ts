import { z } from "zod";
import type { FlowDocument, ParameterSpec } from "@/lib/engine/flow-document";

/**
 * A run's parameters checked against the flow's `parameters` spec (SPEC §6 manual trigger):
 * types, formats, enums and required fields, defaults filled in. Every problem names its
 * field, e.g. `parameters.email: must be an email address`.
 */

export interface ParameterProblem {
  path: (string | number)[];
  message: string;
}

export type ParameterResult = { ok: true; params: Record<string, unknown> } | { ok: false; problems: ParameterProblem[] };

function fieldSchema(spec: ParameterSpec): z.ZodType {
  let schema: z.ZodType;
  switch (spec.type) {
    case "string": {
      let s = z.string({ error: "must be a string" });
      if (spec.format === "email") s = s.email({ error: "must be an email address" });
      if (spec.format === "url") s = s.url({ error: "must be a URL" });
      if (spec.format === "date") s = s.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date (YYYY-MM-DD)" });
      if (spec.format === "date-time") s = s.refine((v) => !Number.isNaN(Date.parse(v)), { error: "must be a date and time (ISO 8601)" });
      schema = s;
      break;
    }
    case "number":
      schema = z.number({ error: "must be a number" });
      break;
    case "integer":
      schema = z.number({ error: "must be an integer" }).int({ error: "must be an integer" });
      break;
    case "boolean":
      schema = z.boolean({ error: "must be true or false" });
      break;
    case "object":
      schema = z.record(z.string(), z.unknown(), { error: "must be an object" });
      break;
    case "array":
      schema = z.array(z.unknown(), { error: "must be an array" });
      break;
  }
  if (spec.enum && spec.enum.length > 0) {
    const allowed = spec.enum;
    schema = schema.refine((v) => allowed.includes(v as string | number), {
      error: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
    });
  }
  return schema;
}

export function validateParameters(document: FlowDocument, input: Record<string, unknown> | undefined): ParameterResult {
  const specs = document.parameters;
  const given = input ?? {};
  // A flow without a parameters spec takes any object, as the CLI and sub-flows do.
  if (!specs) return { ok: true, params: { ...given } };

  const problems: ParameterProblem[] = [];
  const params: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!(name in specs)) problems.push({ path: ["parameters", name], message: "is not a parameter of this flow" });
  }
  for (const [name, spec] of Object.entries(specs)) {
    let value = given[name];
    if (value === undefined || value === null || value === "") {
      if (spec.default !== undefined) value = spec.default;
      else if (spec.required) {
        problems.push({ path: ["parameters", name], message: "is required" });
        continue;
      } else continue;
    }
    const parsed = fieldSchema(spec).safeParse(value);
    if (parsed.success) params[name] = parsed.data;
    else problems.push({ path: ["parameters", name], message: parsed.error.issues[0]?.message ?? "is invalid" });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, params };
}
