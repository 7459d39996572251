import type { ParameterSpec } from "@/lib/engine/flow-document";

/** The run form's values (text as typed, checkboxes as booleans) checked and converted to run parameters. */

export type RunFormValues = Record<string, string | boolean>;

export function parseRunValues(
  params: Record<string, ParameterSpec>,
  values: RunFormValues,
): { ok: true; parameters: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const parameters: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(params)) {
    const raw = values[name];
    if (spec.type === "boolean") {
      parameters[name] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") {
      if (spec.required) errors[name] = "is required";
      continue;
    }
    if (spec.type === "string") {
      if (spec.format === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) errors[name] = "must be an email address";
      else if (spec.format === "url" && !/^https?:\/\//.test(text)) errors[name] = "must be a URL (http:// or https://)";
      else parameters[name] = typeof raw === "string" ? raw : text;
      continue;
    }
    if (spec.type === "number" || spec.type === "integer") {
      const n = Number(text);
      if (!Number.isFinite(n) || (spec.type === "integer" && !Number.isInteger(n)))
        errors[name] = `must be ${spec.type === "integer" ? "a whole number" : "a number"}`;
      else parameters[name] = n;
      continue;
    }
    try {
      const v = JSON.parse(text) as unknown;
      if (spec.type === "array" ? !Array.isArray(v) : typeof v !== "object" || v === null || Array.isArray(v))
        errors[name] = `must be a JSON ${spec.type}`;
      else parameters[name] = v;
    } catch {
      errors[name] = `must be JSON (${spec.type})`;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, parameters };
}
