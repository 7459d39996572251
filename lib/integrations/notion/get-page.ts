import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { NOTION_CREDENTIAL_TYPE } from "./auth";
import { notionClient } from "./client";
import { parseNotionId } from "./ids";
import { pageOutputSchema, toPageOutput } from "./page-output";

export const notionGetPage = defineNode({
  type: "notion.page.get",
  version: 1,
  title: "Notion: get page",
  description: "A Notion page's properties, as plain values and as Notion returns them.",
  category: "integration",
  icon: "notion",
  docsUrl: "/docs/integrations/notion#get-a-page",
  credential: NOTION_CREDENTIAL_TYPE,
  config: z.object({
    pageId: z
      .string()
      .min(1, "the page is required")
      .meta({ title: "Page", description: "Page id or its Notion link.", widget: "expression" }),
  }),
  output: pageOutputSchema,
  ports: ["out"],
  sideEffect: false,
  defaults: RETRYING_DEFAULTS,
  async run(ctx, config) {
    const pageId = parseNotionId(config.pageId, "pageId");
    const api = await notionClient(ctx);
    return toPageOutput(await api.retrievePage(pageId));
  },
});
