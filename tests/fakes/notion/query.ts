import { invalid } from "./errors";
import type { FakeDataSource, FakePage } from "./store";

/** Notion's filter and sort language over the fake's rows (the conditions flows use). */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function plain(value: Json): unknown {
  const inner = value[value.type as string];
  switch (value.type) {
    case "title":
    case "rich_text":
      return (inner as Json[]).map((t) => t.plain_text).join("");
    case "select":
    case "status":
      return inner === null ? null : (inner as Json).name;
    case "multi_select":
      return (inner as Json[]).map((o) => o.name);
    case "relation":
    case "people":
      return (inner as Json[]).map((o) => o.id);
    case "date":
      return inner === null ? null : (inner as Json).start;
    default:
      return inner;
  }
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

function compare(actual: unknown, condition: string, expected: unknown, kind: string): boolean {
  if (condition === "is_empty") return isEmpty(actual);
  if (condition === "is_not_empty") return !isEmpty(actual);
  if (Array.isArray(actual)) {
    const normalized = typeof expected === "string" ? expected.replace(/-/g, "") : expected;
    const has = actual.some((a) => (typeof a === "string" ? a.replace(/-/g, "") : a) === normalized);
    if (condition === "contains") return has;
    if (condition === "does_not_contain") return !has;
  }
  if (kind === "date" && typeof actual === "string" && typeof expected === "string") {
    const a = Date.parse(actual);
    const e = Date.parse(expected);
    const ops: Record<string, boolean> = { equals: a === e, before: a < e, after: a > e, on_or_before: a <= e, on_or_after: a >= e };
    if (condition in ops) return ops[condition]!;
  }
  if (typeof actual === "string" && typeof expected === "string") {
    const a = kind === "email" ? actual.toLowerCase() : actual;
    const e = kind === "email" ? expected.toLowerCase() : expected;
    const ops: Record<string, boolean> = {
      equals: a === e,
      does_not_equal: a !== e,
      contains: a.toLowerCase().includes(e.toLowerCase()),
      does_not_contain: !a.toLowerCase().includes(e.toLowerCase()),
      starts_with: a.toLowerCase().startsWith(e.toLowerCase()),
      ends_with: a.toLowerCase().endsWith(e.toLowerCase()),
    };
    if (condition in ops) return ops[condition]!;
  }
  if (typeof actual === "number" && typeof expected === "number") {
    const ops: Record<string, boolean> = {
      equals: actual === expected,
      does_not_equal: actual !== expected,
      greater_than: actual > expected,
      less_than: actual < expected,
      greater_than_or_equal_to: actual >= expected,
      less_than_or_equal_to: actual <= expected,
    };
    if (condition in ops) return ops[condition]!;
  }
  if (condition === "equals") return actual === expected;
  if (condition === "does_not_equal") return actual !== expected;
  return false;
}

function matches(source: FakeDataSource, page: FakePage, filter: Json, depth: number): boolean {
  if (depth > 2) throw invalid("body failed validation: filter nesting is limited to two levels.");
  if (Array.isArray(filter.and)) return filter.and.every((f) => isObject(f) && matches(source, page, f, depth + 1));
  if (Array.isArray(filter.or)) return filter.or.some((f) => isObject(f) && matches(source, page, f, depth + 1));
  if (filter.timestamp === "created_time" || filter.timestamp === "last_edited_time") {
    const condition = filter[filter.timestamp];
    const actual = filter.timestamp === "created_time" ? page.createdTime : page.lastEditedTime;
    if (!isObject(condition)) throw invalid(`body failed validation: body.filter.${filter.timestamp} should be an object.`);
    return Object.entries(condition).every(([op, expected]) => compare(actual, op, expected, "date"));
  }
  if (typeof filter.property !== "string")
    throw invalid("body failed validation: body.filter.property should be defined, instead was `undefined`.");
  const schema = source.properties[filter.property] ?? Object.values(source.properties).find((p) => p.id === filter.property);
  if (!schema) throw invalid(`Could not find property with name or id: ${filter.property}`);
  const kinds = Object.keys(filter).filter((k) => k !== "property");
  const kind = kinds[0];
  if (!kind || !isObject(filter[kind]))
    throw invalid(`body failed validation: body.filter.${schema.type} should be defined, instead was \`undefined\`.`);
  if (kind !== schema.type) throw invalid(`database property ${schema.type} does not match filter ${kind}`);
  const actual = plain(page.properties[schema.name] ?? { type: schema.type, [schema.type]: null });
  return Object.entries(filter[kind]).every(([op, expected]) => compare(actual, op, expected, kind));
}

function sortKey(source: FakeDataSource, page: FakePage, sort: Json): unknown {
  if (sort.timestamp === "created_time") return page.createdTime;
  if (sort.timestamp === "last_edited_time") return page.lastEditedTime;
  if (typeof sort.property !== "string" || !source.properties[sort.property]) {
    throw invalid(`Could not find sort property with name or id: ${String(sort.property)}`);
  }
  const v = plain(page.properties[sort.property] ?? { type: "x", x: null });
  return Array.isArray(v) ? v.join(",") : v;
}

export function runQuery(source: FakeDataSource, rows: FakePage[], filter: unknown, sorts: unknown): FakePage[] {
  let out = rows;
  if (filter !== undefined) {
    if (!isObject(filter)) throw invalid("body failed validation: body.filter should be an object.");
    out = out.filter((page) => matches(source, page, filter, 0));
  }
  if (sorts !== undefined) {
    if (!Array.isArray(sorts) || !sorts.every(isObject))
      throw invalid("body failed validation: body.sorts should be an array of sort objects.");
    out = [...out].sort((a, b) => {
      for (const sort of sorts) {
        const ka = sortKey(source, a, sort);
        const kb = sortKey(source, b, sort);
        if (ka === kb) continue;
        const order = ka === null ? 1 : kb === null ? -1 : (ka as string | number) < (kb as string | number) ? -1 : 1;
        return sort.direction === "descending" ? -order : order;
      }
      return 0;
    });
  }
  return out;
}
