import { ValidationError } from "@/lib/engine/errors";
import { toPropertyValue, type WritablePropertyType } from "./properties";

/**
 * The Notion filter that matches a property equal to a value — what de-duplication needs.
 * The value goes through the same conversion as a write, so "find by Email" matches what
 * "create with Email" stored. Lists (multi-select, relation, people) match when they contain it.
 */
export function equalityFilter(property: string, type: WritablePropertyType, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null || value === "") {
    throw new ValidationError(`The value to find in "${property}" is empty`, { path: ["value"] });
  }
  const shaped = toPropertyValue(type, value, ["value", property]);
  const one = <T>(items: T[]): T => {
    if (items.length !== 1)
      throw new ValidationError(`Give exactly one value to find in "${property}" (got ${items.length})`, { path: ["value"] });
    return items[0]!;
  };
  if ("title" in shaped) return { property, title: { equals: shaped.title.map((t) => ("text" in t ? t.text.content : "")).join("") } };
  if ("rich_text" in shaped)
    return { property, rich_text: { equals: shaped.rich_text.map((t) => ("text" in t ? t.text.content : "")).join("") } };
  if ("number" in shaped) return { property, number: { equals: shaped.number } };
  if ("checkbox" in shaped) return { property, checkbox: { equals: shaped.checkbox } };
  if ("email" in shaped) return { property, email: { equals: shaped.email } };
  if ("phone_number" in shaped) return { property, phone_number: { equals: shaped.phone_number } };
  if ("url" in shaped) return { property, url: { equals: shaped.url } };
  if ("select" in shaped && shaped.select && "name" in shaped.select) return { property, select: { equals: shaped.select.name } };
  if ("status" in shaped && shaped.status && "name" in shaped.status) return { property, status: { equals: shaped.status.name } };
  if ("date" in shaped && shaped.date) return { property, date: { equals: shaped.date.start } };
  if ("multi_select" in shaped)
    return { property, multi_select: { contains: one(shaped.multi_select.map((o) => ("name" in o ? o.name : ""))) } };
  if ("relation" in shaped) return { property, relation: { contains: one(shaped.relation.map((o) => o.id)) } };
  if ("people" in shaped) return { property, people: { contains: one(shaped.people.map((o) => ("id" in o ? o.id : ""))) } };
  throw new ValidationError(`Cannot search "${property}" by a ${type} value`, { path: ["propertyType"] });
}
