import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { NOTION_CREDENTIAL_TYPE } from "./auth";
import { notionClient } from "./client";
import { parseNotionId } from "./ids";
import { pageOutputSchema, toPageOutput } from "./page-output";
import { buildProperties, propertiesConfig } from "./properties";

export const notionUpdatePage = defineNode({
  type: "notion.page.update",
  version: 1,
  title: "Notion: update page",
  description: "Changes properties of a Notion page; properties not listed keep their values.",
  category: "integration",
  icon: "notion",
  docsUrl: "/docs/integrations/notion#update-a-page",
  credential: NOTION_CREDENTIAL_TYPE,
  config: z.object({
    pageId: z
      .string()
      .min(1, "the page is required")
      .meta({ title: "Page", description: "Page id or its Notion link.", widget: "expression" }),
    ...propertiesConfig,
    inTrash: z.boolean().optional().meta({ title: "Move to trash", description: "true moves the page to the trash, false restores it." }),
  }),
  output: pageOutputSchema,
  ports: ["out"],
  sideEffect: true,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const pageId = parseNotionId(config.pageId, "pageId");
    const properties = buildProperties(config.properties, config.propertyTypes);
    if (Object.keys(properties).length === 0 && config.inTrash === undefined) {
      throw new ValidationError("Nothing to update: give at least one property value", { path: ["properties"] });
    }
    const api = await notionClient(ctx);
    const page = await api.updatePage({
      page_id: pageId,
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
      ...(config.inTrash === undefined ? {} : { in_trash: config.inTrash }),
    });
    return toPageOutput(page);
  },
});
