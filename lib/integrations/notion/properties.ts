import type { CreatePageParameters } from "@notionhq/client";
import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { NOTION_LIMITS } from "./constants";
import { parseNotionId } from "./ids";
import { toRichText } from "./rich-text";

/**
 * The friendly property config (`{ "Email": "ada@example.com" }` plus `{ "Email": "email" }`)
 * turned into Notion's property value shapes, with Notion's size limits checked first so a
 * bad value fails with the property's name instead of a 400 from Notion.
 */

export const WRITABLE_PROPERTY_TYPES = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "status",
  "date",
  "checkbox",
  "email",
  "phone_number",
  "url",
  "relation",
  "people",
] as const;
export type WritablePropertyType = (typeof WRITABLE_PROPERTY_TYPES)[number];

export const propertyTypeSchema = z.enum(WRITABLE_PROPERTY_TYPES);

export const propertiesConfig = {
  properties: z.record(z.string().min(1), z.unknown()).default({}).meta({
    title: "Properties",
    description:
      "Property name → value. Text for title/rich_text/email/url/phone/select/status; a list (or comma-separated text) for multi-select, relation and people; an ISO date for dates. null clears a property.",
    widget: "keyvalue",
  }),
  propertyTypes: z.record(z.string().min(1), propertyTypeSchema).default({}).meta({
    title: "Property types",
    description:
      "Property name → its Notion type (title, rich_text, number, select, multi_select, status, date, checkbox, email, phone_number, url, relation, people).",
    widget: "keyvalue",
  }),
};

export type PropertyValueRequest = NonNullable<CreatePageParameters["properties"]>[string];

type Path = readonly (string | number)[];

function fail(path: Path, message: string): never {
  throw new ValidationError(`Property "${String(path[1])}": ${message}`, { path });
}

function asText(value: unknown, path: Path): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return fail(path, `expected text, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function limited(value: string, max: number, what: string, path: Path): string {
  if (value.length > max) fail(path, `${what} may hold at most ${max} characters (got ${value.length})`);
  return value;
}

/** Lists arrive as arrays, or as comma-separated text from a form field. */
function asList(value: unknown, path: Path): string[] {
  if (Array.isArray(value)) return value.map((item, i) => asText(item, [...path, i]).trim()).filter((s) => s !== "");
  if (typeof value === "string") {
    return value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
  return fail(path, `expected a list, got ${describe(value)}`);
}

function maxItems<T>(items: T[], max: number, what: string, path: Path): T[] {
  if (items.length > max) fail(path, `Notion accepts at most ${max} ${what} (got ${items.length})`);
  return items;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function asIsoDate(value: unknown, path: Path): string {
  if (value instanceof Date) return value.toISOString();
  const text = asText(value, path).trim();
  if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(text))) {
    fail(path, `expected an ISO 8601 date like 2024-05-01 or 2024-05-01T09:30:00Z, got "${text.slice(0, 40)}"`);
  }
  return text;
}

const dateObject = z.object({ start: z.unknown(), end: z.unknown().optional(), timeZone: z.string().optional() });

function toNumber(value: unknown, path: Path): number | null {
  if (value === null || value === "") return null;
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(n)) fail(path, `expected a number, got ${describe(value)}`);
  return n;
}

function toCheckbox(value: unknown, path: Path): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === 1) return true;
  if (value === "false" || value === 0 || value === "" || value === null) return false;
  return fail(path, `expected true or false, got ${describe(value)}`);
}

/** Notion refuses option names with commas (a comma separates options in its UI). */
function optionName(name: string, path: Path): string {
  if (name.includes(",")) fail(path, `option names cannot contain commas ("${name.slice(0, 60)}")`);
  return name;
}

/** Empty text clears email, URL and phone properties, as the Notion UI does. */
function optionalText(value: unknown, max: number, what: string, path: Path): string | null {
  if (value === null) return null;
  const text = asText(value, path).trim();
  return text === "" ? null : limited(text, max, what, path);
}

export function toPropertyValue(type: WritablePropertyType, value: unknown, path: Path): PropertyValueRequest {
  switch (type) {
    case "title":
      return { title: toRichText(value === null ? "" : asText(value, path), path) };
    case "rich_text":
      return { rich_text: toRichText(value === null ? "" : asText(value, path), path) };
    case "number":
      return { number: toNumber(value, path) };
    case "select": {
      const name = value === null ? "" : asText(value, path).trim();
      return { select: name === "" ? null : { name: optionName(name, path) } };
    }
    case "status": {
      const name = value === null ? "" : asText(value, path).trim();
      if (name === "") fail(path, "a status cannot be cleared; give the name of one of its options");
      return { status: { name } };
    }
    case "multi_select": {
      const names = value === null ? [] : asList(value, path);
      return {
        multi_select: maxItems(names, NOTION_LIMITS.multiSelectOptions, "options", path).map((name) => ({ name: optionName(name, path) })),
      };
    }
    case "date": {
      if (value === null || value === "") return { date: null };
      const parsed = dateObject.safeParse(value);
      if (parsed.success) {
        const end = parsed.data.end === undefined || parsed.data.end === null ? null : asIsoDate(parsed.data.end, [...path, "end"]);
        return {
          date: {
            start: asIsoDate(parsed.data.start, [...path, "start"]),
            end,
            ...(parsed.data.timeZone ? { time_zone: parsed.data.timeZone } : {}),
          },
        };
      }
      return { date: { start: asIsoDate(value, path) } };
    }
    case "checkbox":
      return { checkbox: toCheckbox(value, path) };
    case "email":
      return { email: optionalText(value, NOTION_LIMITS.email, "an email", path) };
    case "phone_number":
      return { phone_number: optionalText(value, NOTION_LIMITS.phoneNumber, "a phone number", path) };
    case "url":
      return { url: optionalText(value, NOTION_LIMITS.url, "a URL", path) };
    case "relation": {
      const ids = value === null ? [] : asList(value, path);
      return {
        relation: maxItems(ids, NOTION_LIMITS.relations, "related pages", path).map((id, i) => ({
          id: parseNotionId(id, `${path.join(".")}[${i}]`),
        })),
      };
    }
    case "people": {
      const ids = value === null ? [] : asList(value, path);
      return {
        people: maxItems(ids, NOTION_LIMITS.people, "people", path).map((id, i) => ({ id: parseNotionId(id, `${path.join(".")}[${i}]`) })),
      };
    }
  }
}

/**
 * Every property with a value gets its Notion shape; a property without a declared type is
 * refused (its shape cannot be guessed). Undefined values are skipped, null clears.
 */
export function buildProperties(
  properties: Record<string, unknown>,
  types: Record<string, WritablePropertyType>,
): Record<string, PropertyValueRequest> {
  const out: Record<string, PropertyValueRequest> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined) continue;
    const type = types[name];
    if (!type) {
      throw new ValidationError(`Property "${name}" has no type; add it to the property types (for example "${name}": "rich_text")`, {
        path: ["propertyTypes", name],
      });
    }
    out[name] = toPropertyValue(type, value, ["properties", name]);
  }
  return out;
}
