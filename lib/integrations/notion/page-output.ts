import { z } from "zod";
import type { NotionPage, NotionPropertyValue } from "./schemas";

/**
 * A page as nodes return it: the essentials under friendly names, `values` with each
 * property as a plain value (text, number, names, ids) for easy mapping downstream, and
 * Notion's own `properties` untouched for anything the plain form drops.
 */

export const pageOutputSchema = z.object({
  id: z.string(),
  url: z.string().optional(),
  createdTime: z.string(),
  lastEditedTime: z.string(),
  inTrash: z.boolean(),
  parent: z.record(z.string(), z.unknown()),
  values: z.record(z.string(), z.unknown()),
  properties: z.record(z.string(), z.unknown()),
});
export type PageOutput = z.output<typeof pageOutputSchema>;

const richText = z.array(z.looseObject({ plain_text: z.string().optional(), text: z.looseObject({ content: z.string() }).optional() }));
const named = z.looseObject({ name: z.string() });
const withId = z.array(z.looseObject({ id: z.string() }));

function plainText(value: unknown): string {
  const parsed = richText.safeParse(value);
  if (!parsed.success) return "";
  return parsed.data.map((item) => item.plain_text ?? item.text?.content ?? "").join("");
}

function field(value: NotionPropertyValue): unknown {
  return (value as Record<string, unknown>)[value.type];
}

/** The plain value of one property; undefined for types that have no plain form. */
export function plainValue(value: NotionPropertyValue): unknown {
  const inner = field(value);
  switch (value.type) {
    case "title":
    case "rich_text":
      return plainText(inner);
    case "number":
    case "checkbox":
    case "email":
    case "phone_number":
    case "url":
    case "created_time":
    case "last_edited_time":
      return inner ?? null;
    case "select":
    case "status": {
      const parsed = named.safeParse(inner);
      return parsed.success ? parsed.data.name : null;
    }
    case "multi_select": {
      const parsed = z.array(named).safeParse(inner);
      return parsed.success ? parsed.data.map((o) => o.name) : [];
    }
    case "date": {
      const parsed = z.looseObject({ start: z.string() }).safeParse(inner);
      return parsed.success ? parsed.data.start : null;
    }
    case "relation":
    case "people": {
      const parsed = withId.safeParse(inner);
      return parsed.success ? parsed.data.map((o) => o.id) : [];
    }
    case "created_by":
    case "last_edited_by": {
      const parsed = z.looseObject({ id: z.string() }).safeParse(inner);
      return parsed.success ? parsed.data.id : null;
    }
    case "formula": {
      const parsed = z.looseObject({ type: z.string() }).safeParse(inner);
      return parsed.success ? ((inner as Record<string, unknown>)[parsed.data.type] ?? null) : null;
    }
    case "unique_id": {
      const parsed = z.looseObject({ number: z.number().nullable(), prefix: z.string().nullish() }).safeParse(inner);
      if (!parsed.success || parsed.data.number === null) return null;
      return parsed.data.prefix ? `${parsed.data.prefix}-${parsed.data.number}` : parsed.data.number;
    }
    default:
      return undefined;
  }
}

export function toPageOutput(page: NotionPage): PageOutput {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(page.properties)) {
    const plain = plainValue(value);
    if (plain !== undefined) values[name] = plain;
  }
  return {
    id: page.id,
    url: page.url,
    createdTime: page.created_time,
    lastEditedTime: page.last_edited_time,
    inTrash: page.in_trash ?? page.archived ?? false,
    parent: page.parent,
    values,
    properties: page.properties,
  };
}
