import { z } from "zod";

/**
 * Notion answers, reduced to the fields the nodes read; everything else passes through
 * untouched so a node's raw output stays complete.
 */

export const notionUserSchema = z.looseObject({
  object: z.literal("user"),
  id: z.string(),
  name: z.string().nullish(),
  type: z.string().optional(),
  bot: z.looseObject({ workspace_name: z.string().nullish() }).optional(),
});
export type NotionUser = z.output<typeof notionUserSchema>;

const propertyValueSchema = z.looseObject({ id: z.string().optional(), type: z.string() });
export type NotionPropertyValue = z.output<typeof propertyValueSchema>;

export const notionPageSchema = z.looseObject({
  object: z.literal("page"),
  id: z.string(),
  url: z.string().optional(),
  created_time: z.string(),
  last_edited_time: z.string(),
  in_trash: z.boolean().optional(),
  archived: z.boolean().optional(),
  parent: z.looseObject({ type: z.string() }),
  properties: z.record(z.string(), propertyValueSchema),
});
export type NotionPage = z.output<typeof notionPageSchema>;

export function notionListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    object: z.literal("list"),
    results: z.array(item),
    next_cursor: z.string().nullable(),
    has_more: z.boolean(),
  });
}

export const notionDatabaseSchema = z.looseObject({
  object: z.literal("database"),
  id: z.string(),
  title: z.array(z.looseObject({ plain_text: z.string().optional() })).optional(),
  data_sources: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })).optional(),
});
export type NotionDatabase = z.output<typeof notionDatabaseSchema>;

export const notionBlockSchema = z.looseObject({ object: z.literal("block"), id: z.string(), type: z.string() });
export type NotionBlock = z.output<typeof notionBlockSchema>;
