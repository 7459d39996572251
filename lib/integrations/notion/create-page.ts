import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { NON_IDEMPOTENT_WRITE_DEFAULTS } from "../shared/node-defaults";
import { NOTION_CREDENTIAL_TYPE } from "./auth";
import { notionClient } from "./client";
import { databaseConfig, databaseTarget } from "./data-source";
import { pageOutputSchema, toPageOutput } from "./page-output";
import { buildProperties, propertiesConfig } from "./properties";

export const notionCreatePage = defineNode({
  type: "notion.page.create",
  version: 1,
  title: "Notion: create page",
  description: "Adds a row to a Notion database with typed property values.",
  category: "integration",
  icon: "notion",
  docsUrl: "/docs/integrations/notion#create-a-page",
  credential: NOTION_CREDENTIAL_TYPE,
  config: z.object({ ...databaseConfig, ...propertiesConfig }),
  output: pageOutputSchema,
  ports: ["out"],
  sideEffect: true,
  defaults: NON_IDEMPOTENT_WRITE_DEFAULTS,
  async run(ctx, config) {
    // Values are checked before anything is sent, so a bad value never creates half a row.
    const properties = buildProperties(config.properties, config.propertyTypes);
    const target = databaseTarget(config);
    const parent = target.dataSourceId
      ? { type: "data_source_id" as const, data_source_id: target.dataSourceId }
      : { type: "database_id" as const, database_id: target.databaseId };
    const api = await notionClient(ctx);
    const page = await api.createPage(
      { parent, properties },
      target.dataSourceId ? `data source "${target.dataSourceId}"` : `database "${target.databaseId}"`,
    );
    return toPageOutput(page);
  },
});
