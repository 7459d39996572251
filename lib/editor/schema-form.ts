import { z } from "zod";
import type { FieldWidget } from "@/lib/engine/node-definition";

/**
 * The inspector's form model, derived from a node type's zod config schema through
 * `z.toJSONSchema` (labels, help texts, enums, defaults and widgets ride on `.meta()`).
 */

export type FieldKind =
  "string" | "textarea" | "code" | "number" | "integer" | "boolean" | "enum" | "list" | "keyvalue" | "json" | "object";

export interface FormField {
  key: string;
  label: string;
  description?: string;
  kind: FieldKind;
  required: boolean;
  default?: unknown;
  /** Whether the field accepts `{{ expression }}` (string fields, and fields marked as expression/jsonata). */
  expression: boolean;
  /** A JSONata program (not a template): previewed without `{{ }}`. */
  jsonata?: boolean;
  options?: (string | number | boolean | null)[];
  /** For lists: the kind of one element. */
  itemKind?: "string" | "number" | "json";
  /** For nested objects. */
  fields?: FormField[];
  min?: number;
  max?: number;
  placeholder?: string;
}

type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  widget?: FieldWidget;
  placeholder?: string;
  examples?: unknown[];
};

/** `firstName` -> `First name`, `api_key` -> `Api key`. */
export function humanize(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const SAFE_INT = 9_007_199_254_740_991;

/** Drops `null` from `T | null` unions so optional-nullable fields keep their real widget. */
function unwrapNullable(s: JsonSchema): JsonSchema {
  const variants = s.anyOf ?? s.oneOf;
  if (!variants) return s;
  const real = variants.filter((v) => v.type !== "null");
  return real.length === 1
    ? {
        ...real[0],
        title: s.title ?? real[0]!.title,
        description: s.description ?? real[0]!.description,
        default: s.default ?? real[0]!.default,
      }
    : s;
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.length === 1 ? s.type[0] : "union";
  return s.type;
}

function fieldFrom(key: string, raw: JsonSchema, required: boolean): FormField {
  const s = unwrapNullable(raw);
  const base = {
    key,
    label: s.title ?? humanize(key),
    required,
    ...(s.description ? { description: s.description } : {}),
    ...(s.default !== undefined ? { default: s.default } : {}),
    ...(s.placeholder ? { placeholder: s.placeholder } : {}),
  };
  const widget = s.widget;
  if (widget === "json") return { ...base, kind: "json", expression: false };
  if (widget === "keyvalue") return { ...base, kind: "keyvalue", expression: true };
  if (widget === "code") return { ...base, kind: "code", expression: false };
  if (widget === "jsonata") return { ...base, kind: "textarea", expression: true, jsonata: true };
  if (widget === "textarea") return { ...base, kind: "textarea", expression: true };
  if (widget === "expression" || widget === "text") return { ...base, kind: "string", expression: true };

  if (s.enum) return { ...base, kind: "enum", expression: false, options: s.enum as FormField["options"] };
  if (s.const !== undefined) return { ...base, kind: "enum", expression: false, options: [s.const as string] };
  const variants = s.anyOf ?? s.oneOf;
  if (variants && variants.every((v) => v.const !== undefined)) {
    return { ...base, kind: "enum", expression: false, options: variants.map((v) => v.const as string) };
  }
  const type = typeOf(s);
  switch (type) {
    case "string":
      return { ...base, kind: "string", expression: true };
    case "number":
    case "integer": {
      const min = s.minimum ?? s.exclusiveMinimum;
      const max = s.maximum ?? s.exclusiveMaximum;
      return {
        ...base,
        kind: type,
        expression: false,
        ...(min !== undefined && Math.abs(min) < SAFE_INT ? { min } : {}),
        ...(max !== undefined && Math.abs(max) < SAFE_INT ? { max } : {}),
      };
    }
    case "boolean":
      return { ...base, kind: "boolean", expression: false };
    case "array": {
      const itemType = s.items ? typeOf(unwrapNullable(s.items)) : undefined;
      if (itemType === "string" && !s.items?.enum) return { ...base, kind: "list", itemKind: "string", expression: true };
      if (itemType === "number" || itemType === "integer") return { ...base, kind: "list", itemKind: "number", expression: false };
      return { ...base, kind: "json", expression: false };
    }
    case "object": {
      if (s.properties && Object.keys(s.properties).length > 0) {
        return { ...base, kind: "object", expression: false, fields: fieldsOfObject(s) };
      }
      const values = typeof s.additionalProperties === "object" ? typeOf(unwrapNullable(s.additionalProperties)) : undefined;
      if (values === "string") return { ...base, kind: "keyvalue", expression: true };
      return { ...base, kind: "json", expression: false };
    }
    case "union": {
      const types = s.type as string[];
      if (types.includes("string")) return { ...base, kind: "string", expression: true };
      return { ...base, kind: "json", expression: false };
    }
    default:
      return { ...base, kind: "json", expression: false };
  }
}

function fieldsOfObject(s: JsonSchema): FormField[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([key, prop]) => fieldFrom(key, prop, required.has(key)));
}

/** The form fields of a config schema. A schema that is not an object yields one JSON field. */
export function schemaToFields(schema: z.ZodType): FormField[] {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return [{ key: "", label: "Configuration", kind: "json", required: false, expression: false }];
  }
  if (typeOf(json) !== "object" || !json.properties) {
    return [{ key: "", label: "Configuration", kind: "json", required: false, expression: false }];
  }
  return fieldsOfObject(json);
}

export interface OutputField {
  path: string[];
  type?: string;
  description?: string;
}

/** Field paths of an output schema (three levels deep), for expression completion. */
export function outputFields(schema: z.ZodType, depth = 3): OutputField[] {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return [];
  }
  const out: OutputField[] = [];
  const walk = (s: JsonSchema, path: string[], level: number) => {
    const u = unwrapNullable(s);
    if (level >= depth) return;
    for (const [key, prop] of Object.entries(u.properties ?? {})) {
      const p = unwrapNullable(prop);
      out.push({ path: [...path, key], type: typeOf(p), ...(p.description ? { description: p.description } : {}) });
      walk(p, [...path, key], level + 1);
    }
    // JSONata maps over arrays, so `rows.email` reads every row's email: item fields sit under the array itself.
    if (typeOf(u) === "array" && u.items) walk(u.items, path, level);
  };
  walk(json, [], 0);
  return out;
}
