import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import { schemaToFields, type FormField } from "@/lib/editor/schema-form";

/**
 * The create/edit form of a credential, generated from its type's zod fields. Secret fields
 * are password inputs that never receive a stored value: left empty on edit, they are left out
 * of the request and the server keeps the saved secret.
 */

export interface CredentialFormField extends FormField {
  secret: boolean;
}

export function credentialFormFields(definition: CredentialDefinition): CredentialFormField[] {
  const secret = new Set(definition.secretFields);
  return schemaToFields(definition.fields)
    .filter((f) => f.key !== "")
    .map((f) => ({ ...f, secret: secret.has(f.key) }));
}

export type FormValues = Record<string, string | boolean>;

/** Initial values: saved non-secret fields (or defaults); secrets always start empty. */
export function initialValues(fields: readonly CredentialFormField[], saved: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    if (f.secret) values[f.key] = "";
    else if (f.kind === "boolean") values[f.key] = Boolean(saved[f.key] ?? f.default ?? false);
    else {
      const v = saved[f.key] ?? f.default;
      values[f.key] = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    }
  }
  return values;
}

export type BuildResult = { ok: true; data: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * The request's `data`. On create every filled field is sent; on edit an empty secret is left
 * out (unchanged) and an emptied optional field is sent as `null` (cleared).
 */
export function buildData(fields: readonly CredentialFormField[], values: FormValues, mode: "create" | "edit"): BuildResult {
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = values[f.key];
    if (f.kind === "boolean") {
      data[f.key] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw : "";
    if (text.trim() === "") {
      if (f.secret && mode === "edit") continue;
      if (f.required) errors[f.key] = "is required";
      else if (mode === "edit") data[f.key] = null;
      continue;
    }
    if (f.kind === "number" || f.kind === "integer") {
      const n = Number(text);
      if (!Number.isFinite(n) || (f.kind === "integer" && !Number.isInteger(n)))
        errors[f.key] = `must be ${f.kind === "integer" ? "an integer" : "a number"}`;
      else data[f.key] = n;
    } else if (f.kind === "json" || f.kind === "keyvalue" || f.kind === "object" || f.kind === "list") {
      try {
        data[f.key] = JSON.parse(text) as unknown;
      } catch {
        errors[f.key] = "must be valid JSON";
      }
    } else {
      data[f.key] = text;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}
