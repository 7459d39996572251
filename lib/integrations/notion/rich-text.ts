import { ValidationError } from "@/lib/engine/errors";
import { NOTION_LIMITS } from "./constants";

export interface RichTextItem {
  type: "text";
  text: { content: string; link: { url: string } | null };
}

/**
 * Text as Notion rich text: split into items of at most 2000 characters (never inside a
 * surrogate pair), at most 100 items. Longer text is refused before sending, naming the field.
 */
export function toRichText(text: string, path: readonly (string | number)[], link?: string): RichTextItem[] {
  if (text === "") return [];
  if (link !== undefined && link.length > NOTION_LIMITS.url) {
    throw new ValidationError(`${path.join(".")}: a link may hold at most ${NOTION_LIMITS.url} characters (got ${link.length})`, {
      path,
    });
  }
  const chunks: string[] = [];
  let current = "";
  for (const char of text) {
    if (current.length + char.length > NOTION_LIMITS.richTextContent) {
      chunks.push(current);
      current = "";
    }
    current += char;
  }
  if (current !== "") chunks.push(current);
  if (chunks.length > NOTION_LIMITS.richTextItems) {
    const max = NOTION_LIMITS.richTextItems * NOTION_LIMITS.richTextContent;
    throw new ValidationError(
      `${path.join(".")}: text is too long for Notion (${text.length} characters; at most ${NOTION_LIMITS.richTextItems} pieces of ${NOTION_LIMITS.richTextContent}, about ${max})`,
      { path },
    );
  }
  return chunks.map((content) => ({ type: "text", text: { content, link: link ? { url: link } : null } }));
}
