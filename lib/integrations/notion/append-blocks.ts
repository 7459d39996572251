import { z } from "zod";
import { NodeError, NonRetryableError, ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { NON_IDEMPOTENT_WRITE_DEFAULTS } from "../shared/node-defaults";
import { continueThroughRateLimits } from "../shared/continuation";
import { NOTION_CREDENTIAL_TYPE } from "./auth";
import { batchBlocks, blockItemSchema, markdownToItems, toBlock } from "./blocks";
import { notionClient } from "./client";
import { parseNotionId } from "./ids";

export const notionAppendBlocks = defineNode({
  type: "notion.block.append",
  version: 1,
  title: "Notion: append blocks",
  description: "Adds paragraphs, headings, lists, to-dos, quotes or code to the end of a page, in batches of at most 100 blocks.",
  category: "integration",
  icon: "notion",
  docsUrl: "/docs/integrations/notion#append-blocks",
  credential: NOTION_CREDENTIAL_TYPE,
  config: z.object({
    blockId: z
      .string()
      .min(1, "the page or block is required")
      .meta({ title: "Page or block", description: "Id or Notion link of the page (or block) to append to.", widget: "expression" }),
    blocks: z.array(blockItemSchema).default([]).meta({
      title: "Blocks",
      description: 'A list like [{"type":"heading_2","text":"Notes"},{"type":"paragraph","text":"…"}].',
      widget: "json",
    }),
    markdown: z.string().optional().meta({
      title: "Markdown",
      description:
        "Appended after the blocks: # headings, - bullets, 1. numbers, - [ ] to-dos, > quotes, --- dividers, ``` code; other lines are paragraphs.",
      widget: "textarea",
    }),
  }),
  output: z.object({ blockIds: z.array(z.string()), count: z.number(), requests: z.number() }),
  ports: ["out"],
  sideEffect: true,
  defaults: { ...NON_IDEMPOTENT_WRITE_DEFAULTS, timeoutSeconds: 600 },
  async run(ctx, config) {
    const blockId = parseNotionId(config.blockId, "blockId");
    const items = [...config.blocks, ...(config.markdown ? markdownToItems(config.markdown) : [])];
    if (items.length === 0) throw new ValidationError("Nothing to append: give blocks or markdown", { path: ["blocks"] });
    const batches = batchBlocks(items.map(toBlock));
    const api = await notionClient(ctx);
    const blockIds: string[] = [];
    for (const [index, children] of batches.entries()) {
      const send = () => api.appendBlocks({ block_id: blockId, children });
      try {
        const list =
          index === 0 ? await send() : await continueThroughRateLimits(ctx, send, { what: `batch ${index + 1} of ${batches.length}` });
        blockIds.push(...list.results.map((b) => b.id));
      } catch (err) {
        if (index > 0) ctx.log.warn("Notion append stopped part-way", { appended: blockIds.length, total: items.length });
        throw index === 0 ? err : partialFailure(err, blockIds.length, items.length);
      }
    }
    return { blockIds, count: blockIds.length, requests: batches.length };
  },
});

/**
 * Once a batch went in, retrying the step would append it a second time; the failure is
 * reported as final, with how far it got, instead of being retried.
 */
function partialFailure(err: unknown, appended: number, total: number): NodeError {
  const cause = err instanceof NodeError ? err : undefined;
  if (cause && !cause.retryable) return cause;
  return new NonRetryableError(
    `Appended ${appended} of ${total} blocks, then Notion failed (${cause?.message ?? String(err)}); not retried, as that would append the first blocks again`,
    { cause: err, details: { appended, total, ...(cause ? { category: cause.category } : {}) } },
  );
}
