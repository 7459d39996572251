import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { NOTION_CREDENTIAL_TYPE } from "./auth";
import { notionClient } from "./client";
import { databaseConfig, databaseTarget, resolveDataSource } from "./data-source";
import { equalityFilter } from "./filters";
import { pageOutputSchema, toPageOutput } from "./page-output";
import { propertyTypeSchema } from "./properties";

export const notionFindPage = defineNode({
  type: "notion.page.find",
  version: 1,
  title: "Notion: find page",
  description: "The database row whose property equals a value, or nothing — the first step of find-or-create.",
  category: "integration",
  icon: "notion",
  docsUrl: "/docs/integrations/notion#find-a-page",
  credential: NOTION_CREDENTIAL_TYPE,
  config: z.object({
    ...databaseConfig,
    property: z
      .string()
      .min(1, "the property to search is required")
      .meta({ title: "Property", description: "Name of the property to compare, e.g. Email." }),
    propertyType: propertyTypeSchema.meta({ title: "Property type", description: "The property's Notion type, e.g. email or title." }),
    value: z
      .unknown()
      .meta({ title: "Value", description: "The value the property must equal (lists: must contain).", widget: "expression" }),
  }),
  output: z.object({
    found: z.boolean(),
    page: pageOutputSchema.nullable(),
    /** More than one row matched: the data already holds duplicates. */
    duplicates: z.boolean(),
  }),
  ports: ["out"],
  sideEffect: false,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const filter = equalityFilter(config.property, config.propertyType, config.value);
    const api = await notionClient(ctx);
    const dataSourceId = await resolveDataSource(api, databaseTarget(config));
    // Two rows are enough to tell "unique" from "duplicated" without reading them all.
    const list = await api.queryDataSource(dataSourceId, { filter, page_size: 2 });
    const first = list.results[0];
    if (list.results.length > 1) ctx.log.warn("More than one Notion page matches", { property: config.property });
    return { found: first !== undefined, page: first ? toPageOutput(first) : null, duplicates: list.results.length > 1 };
  },
});
