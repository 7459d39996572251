import { invalid, tooLong } from "./errors";
import { normalizeId, richTextItem, type FakeDataSource, type SchemaProperty } from "./store";

/**
 * Checks request property values the way Notion does (shape per type, size limits from the
 * request-limits page) and turns them into the response shape Notion stores and returns.
 */

const LIMITS = { text: 2000, richTextItems: 100, url: 2000, email: 200, phone: 200, list: 100 };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? "undefined" : JSON.stringify(v));

export function richTextArray(value: unknown, path: string): Json[] {
  if (!Array.isArray(value)) throw invalid(`body failed validation: ${path} should be an array, instead was \`${show(value)}\`.`);
  if (value.length > LIMITS.richTextItems) throw tooLong(`${path}.length`, LIMITS.richTextItems, value.length);
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item) || !isObject(item.text) || typeof item.text.content !== "string") {
      throw invalid(`body failed validation: ${at}.text.content should be defined, instead was \`undefined\`.`);
    }
    if (item.text.content.length > LIMITS.text) throw tooLong(`${at}.text.content.length`, LIMITS.text, item.text.content.length);
    const link = isObject(item.text.link) && typeof item.text.link.url === "string" ? item.text.link.url : null;
    if (link && link.length > LIMITS.url) throw tooLong(`${at}.text.link.url.length`, LIMITS.url, link.length);
    return richTextItem(item.text.content, link);
  });
}

function stringOrNull(value: unknown, path: string, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== "string")
    throw invalid(`body failed validation: ${path} should be a string or \`null\`, instead was \`${show(value)}\`.`);
  if (value.length > max) throw tooLong(`${path}.length`, max, value.length);
  return value;
}

function idList(value: unknown, path: string, object: string): Json[] {
  if (!Array.isArray(value)) throw invalid(`body failed validation: ${path} should be an array, instead was \`${show(value)}\`.`);
  if (value.length > LIMITS.list) throw tooLong(`${path}.length`, LIMITS.list, value.length);
  return value.map((item, i) => {
    const id = isObject(item) && typeof item.id === "string" ? normalizeId(item.id) : undefined;
    if (!id)
      throw invalid(
        `body failed validation: ${path}[${i}].id should be a valid uuid, instead was \`${show(isObject(item) ? item.id : item)}\`.`,
      );
    return object === "user" ? { object: "user", id } : { id };
  });
}

function option(value: unknown, path: string): { name: string } {
  if (!isObject(value) || typeof value.name !== "string" || value.name === "") {
    throw invalid(`body failed validation: ${path}.name should be defined, instead was \`undefined\`.`);
  }
  if (value.name.includes(",")) throw invalid(`body failed validation: ${path}.name should not contain commas.`);
  return { name: value.name };
}

const colorOf = (name: string): Json => ({ id: Buffer.from(name).toString("base64url").slice(0, 4), name, color: "default" });

function dateValue(value: unknown, path: string): Json | null {
  if (value === null) return null;
  if (!isObject(value) || typeof value.start !== "string" || Number.isNaN(Date.parse(value.start))) {
    throw invalid(
      `body failed validation: ${path}.start should be a valid ISO 8601 date string, instead was \`${show(isObject(value) ? value.start : value)}\`.`,
    );
  }
  const end = value.end ?? null;
  if (end !== null && (typeof end !== "string" || Number.isNaN(Date.parse(end)))) {
    throw invalid(`body failed validation: ${path}.end should be a valid ISO 8601 date string or \`null\`, instead was \`${show(end)}\`.`);
  }
  return { start: value.start, end, time_zone: typeof value.time_zone === "string" ? value.time_zone : null };
}

/** One property value of a create/update body, as stored. */
export function propertyValue(schema: SchemaProperty, value: unknown): Json {
  const path = `body.properties.${schema.name}`;
  if (!isObject(value)) throw invalid(`body failed validation: ${path} should be an object, instead was \`${show(value)}\`.`);
  const type = schema.type;
  if (!(type in value)) throw invalid(`${schema.name} is expected to be ${type}.`);
  const raw = value[type];
  const at = `${path}.${type}`;
  const base = { id: schema.id, type };
  switch (type) {
    case "title":
    case "rich_text":
      return { ...base, [type]: richTextArray(raw, at) };
    case "number":
      if (raw !== null && (typeof raw !== "number" || !Number.isFinite(raw))) {
        throw invalid(`body failed validation: ${at} should be a number or \`null\`, instead was \`${show(raw)}\`.`);
      }
      return { ...base, number: raw };
    case "checkbox":
      if (typeof raw !== "boolean") throw invalid(`body failed validation: ${at} should be a boolean, instead was \`${show(raw)}\`.`);
      return { ...base, checkbox: raw };
    case "email":
      return { ...base, email: stringOrNull(raw, at, LIMITS.email) };
    case "phone_number":
      return { ...base, phone_number: stringOrNull(raw, at, LIMITS.phone) };
    case "url":
      return { ...base, url: stringOrNull(raw, at, LIMITS.url) };
    case "select":
      return { ...base, select: raw === null ? null : colorOf(option(raw, at).name) };
    case "status": {
      const name = option(raw, at).name;
      if (schema.options && !schema.options.includes(name))
        throw invalid(`Invalid status option. Status option "${name}" does not exist".`);
      return { ...base, status: colorOf(name) };
    }
    case "multi_select": {
      if (!Array.isArray(raw)) throw invalid(`body failed validation: ${at} should be an array, instead was \`${show(raw)}\`.`);
      if (raw.length > LIMITS.list) throw tooLong(`${at}.length`, LIMITS.list, raw.length);
      return { ...base, multi_select: raw.map((o, i) => colorOf(option(o, `${at}[${i}]`).name)) };
    }
    case "date":
      return { ...base, date: dateValue(raw, at) };
    case "relation":
      return { ...base, relation: idList(raw, at, "page"), has_more: false };
    case "people":
      return { ...base, people: idList(raw, at, "user") };
    default:
      throw invalid(`${schema.name} is a ${type} property, which cannot be set through the API.`);
  }
}

/** The empty value a row shows for a property it was never given. */
export function emptyValue(schema: SchemaProperty): Json {
  const base = { id: schema.id, type: schema.type };
  switch (schema.type) {
    case "title":
    case "rich_text":
    case "multi_select":
    case "people":
      return { ...base, [schema.type]: [] };
    case "relation":
      return { ...base, relation: [], has_more: false };
    case "checkbox":
      return { ...base, checkbox: false };
    default:
      return { ...base, [schema.type]: null };
  }
}

/** Applies a `properties` body to a row's stored values; names must exist in the data source. */
export function applyProperties(source: FakeDataSource, current: Record<string, Json>, body: unknown): Record<string, Json> {
  if (body === undefined) return current;
  if (!isObject(body)) throw invalid(`body failed validation: body.properties should be an object, instead was \`${show(body)}\`.`);
  const next = { ...current };
  for (const [key, value] of Object.entries(body)) {
    const schema = source.properties[key] ?? Object.values(source.properties).find((p) => p.id === key);
    if (!schema) throw invalid(`${key} is not a property that exists.`);
    next[schema.name] = propertyValue(schema, value);
  }
  return next;
}

const BLOCK_TEXT_TYPES = new Set([
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "quote",
  "code",
  "toggle",
  "callout",
]);

/** One block of an append body; returns its type and content as stored. */
export function blockContent(block: unknown, path: string): { type: string; content: Json } {
  if (!isObject(block)) throw invalid(`body failed validation: ${path} should be an object, instead was \`${show(block)}\`.`);
  const type = typeof block.type === "string" ? block.type : Object.keys(block).find((k) => k !== "object");
  if (!type || !isObject(block[type]))
    throw invalid(`body failed validation: ${path}.${type ?? "type"} should be defined, instead was \`undefined\`.`);
  const inner = block[type];
  if (type === "divider") return { type, content: {} };
  if (!BLOCK_TEXT_TYPES.has(type)) throw invalid(`body failed validation: ${path}.type \`${type}\` is not supported by this fake.`);
  const content: Json = { ...inner, rich_text: richTextArray(inner.rich_text, `${path}.${type}.rich_text`), color: "default" };
  if (type === "code" && typeof inner.language !== "string")
    throw invalid(`body failed validation: ${path}.code.language should be defined, instead was \`undefined\`.`);
  if (type === "to_do") content.checked = inner.checked === true;
  return { type, content };
}
