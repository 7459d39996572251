import type { BlockObjectRequest } from "@notionhq/client";
import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { NOTION_LIMITS } from "./constants";
import { toRichText } from "./rich-text";

/**
 * Simple block config (type + text) and a small markdown subset, turned into Notion blocks
 * and cut into requests that respect Notion's per-request limits.
 */

export const BLOCK_TYPES = [
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "quote",
  "code",
  "divider",
] as const;

export const blockItemSchema = z.object({
  type: z.enum(BLOCK_TYPES),
  text: z.string().default(""),
  /** to_do only. */
  checked: z.boolean().optional(),
  /** code only; Notion's language names, e.g. "javascript", "plain text". */
  language: z.string().optional(),
});
export type BlockItem = z.output<typeof blockItemSchema>;

export function toBlock(item: BlockItem, index: number): BlockObjectRequest {
  const path = ["blocks", index, "text"];
  const rich_text = toRichText(item.text, path);
  switch (item.type) {
    case "paragraph":
      return { type: "paragraph", paragraph: { rich_text } };
    case "heading_1":
      return { type: "heading_1", heading_1: { rich_text } };
    case "heading_2":
      return { type: "heading_2", heading_2: { rich_text } };
    case "heading_3":
      return { type: "heading_3", heading_3: { rich_text } };
    case "bulleted_list_item":
      return { type: "bulleted_list_item", bulleted_list_item: { rich_text } };
    case "numbered_list_item":
      return { type: "numbered_list_item", numbered_list_item: { rich_text } };
    case "to_do":
      return { type: "to_do", to_do: { rich_text, checked: item.checked ?? false } };
    case "quote":
      return { type: "quote", quote: { rich_text } };
    case "code":
      // Notion validates the language against its own list; "plain text" is always accepted.
      return { type: "code", code: { rich_text, language: (item.language ?? "plain text") as "plain text" } };
    case "divider":
      return { type: "divider", divider: {} };
  }
}

/**
 * Markdown subset, one block per line: `#`/`##`/`###` headings, `-`/`*` bullets, `1.`
 * numbered items, `- [ ]`/`- [x]` to-dos, `>` quotes, `---` dividers, fenced code; other
 * consecutive lines form one paragraph. Inline formatting is kept as literal text.
 */
export function markdownToItems(markdown: string): BlockItem[] {
  const items: BlockItem[] = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) items.push({ type: "paragraph", text: paragraph.join("\n") });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```\s*([\w+#. -]*)$/.exec(line.trim());
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== "```"; i++) body.push(lines[i]!);
      items.push({ type: "code", text: body.join("\n"), language: fence[1]?.trim() || undefined });
      continue;
    }
    const trimmed = line.trim();
    const item = lineItem(trimmed);
    if (trimmed === "") flush();
    else if (item) {
      flush();
      items.push(item);
    } else paragraph.push(line);
  }
  flush();
  return items;
}

function lineItem(line: string): BlockItem | undefined {
  let m: RegExpExecArray | null;
  if (/^(-{3,}|\*{3,})$/.test(line)) return { type: "divider", text: "" };
  if ((m = /^(#{1,3})\s+(.*)$/.exec(line))) {
    const type = (["heading_1", "heading_2", "heading_3"] as const)[m[1]!.length - 1]!;
    return { type, text: m[2]! };
  }
  if ((m = /^[-*]\s+\[([ xX])\]\s*(.*)$/.exec(line))) return { type: "to_do", text: m[2]!, checked: m[1] !== " " };
  if ((m = /^[-*]\s+(.*)$/.exec(line))) return { type: "bulleted_list_item", text: m[1]! };
  if ((m = /^\d+[.)]\s+(.*)$/.exec(line))) return { type: "numbered_list_item", text: m[1]! };
  if ((m = /^>\s?(.*)$/.exec(line))) return { type: "quote", text: m[1]! };
  return undefined;
}

const utf8 = new TextEncoder();

/** Requests of at most 100 blocks and at most Notion's payload size each, in order. */
export function batchBlocks(blocks: BlockObjectRequest[]): BlockObjectRequest[][] {
  const batches: BlockObjectRequest[][] = [];
  let current: BlockObjectRequest[] = [];
  let bytes = 0;
  // Room for the envelope ({"children":[…]}) around the blocks.
  const budget = NOTION_LIMITS.payloadBytes - 1024;
  blocks.forEach((block, index) => {
    const size = utf8.encode(JSON.stringify(block)).length + 1;
    if (size > budget) {
      throw new ValidationError(`Block ${index + 1} is larger than Notion's ${NOTION_LIMITS.payloadBytes / 1000} KB request limit`, {
        path: ["blocks", index],
      });
    }
    if (current.length >= NOTION_LIMITS.blocksPerRequest || bytes + size > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(block);
    bytes += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}
