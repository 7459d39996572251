import { z } from "zod";
import { NonRetryableError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { RETRYING_DEFAULTS } from "../shared/node-defaults";
import { continueThroughRateLimits } from "../shared/continuation";
import { NOTION_CREDENTIAL_TYPE } from "./auth";
import { notionClient } from "./client";
import { NOTION_LIMITS } from "./constants";
import { databaseConfig, databaseTarget, resolveDataSource } from "./data-source";
import { pageOutputSchema, toPageOutput, type PageOutput } from "./page-output";

export const notionQueryDatabase = defineNode({
  type: "notion.database.query",
  version: 1,
  title: "Notion: query database",
  description: "Rows of a Notion database matching a filter, sorted, following pagination to the end or to a limit.",
  category: "integration",
  icon: "notion",
  docsUrl: "/docs/integrations/notion#query-a-database",
  credential: NOTION_CREDENTIAL_TYPE,
  config: z.object({
    ...databaseConfig,
    filter: z.record(z.string(), z.unknown()).optional().meta({
      title: "Filter",
      description: 'A Notion filter object, e.g. {"property":"Status","select":{"equals":"Lead"}}.',
      widget: "json",
    }),
    sorts: z.array(z.record(z.string(), z.unknown())).optional().meta({
      title: "Sorts",
      description: 'Notion sort objects, e.g. [{"property":"Created","direction":"descending"}].',
      widget: "json",
    }),
    limit: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ title: "Limit", description: "Stop after this many rows. Empty reads every matching row." }),
  }),
  output: z.object({
    results: z.array(pageOutputSchema),
    count: z.number(),
    /** More rows matched than were read (only with a limit). */
    hasMore: z.boolean(),
    nextCursor: z.string().nullable(),
  }),
  ports: ["out"],
  sideEffect: false,
  defaults: { ...RETRYING_DEFAULTS, timeoutSeconds: 600 },
  async run(ctx, config) {
    const api = await notionClient(ctx);
    const dataSourceId = await resolveDataSource(api, databaseTarget(config));
    const results: PageOutput[] = [];
    let cursor: string | undefined;
    let hasMore = false;
    let nextCursor: string | null = null;
    for (let page = 0; ; page++) {
      const remaining = config.limit === undefined ? NOTION_LIMITS.pageSize : config.limit - results.length;
      const body: Record<string, unknown> = { page_size: Math.min(NOTION_LIMITS.pageSize, remaining) };
      if (config.filter) body.filter = config.filter;
      if (config.sorts) body.sorts = config.sorts;
      if (cursor) body.start_cursor = cursor;
      const send = () => api.queryDataSource(dataSourceId, body);
      const list = page === 0 ? await send() : await continueThroughRateLimits(ctx, send, { what: `page ${page + 1} of the query` });
      results.push(...list.results.map(toPageOutput));
      hasMore = list.has_more;
      nextCursor = list.next_cursor;
      ctx.log.debug("Notion query page read", { page: page + 1, rows: list.results.length, total: results.length });
      if (!list.has_more || !list.next_cursor) break;
      if (config.limit !== undefined && results.length >= config.limit) break;
      if (list.next_cursor === cursor) {
        throw new NonRetryableError("Notion returned the same cursor twice; stopping to avoid an endless listing");
      }
      cursor = list.next_cursor;
    }
    return { results, count: results.length, hasMore, nextCursor: hasMore ? nextCursor : null };
  },
});
