import { ValidationError } from "@/lib/engine/errors";

const ID_IN_TEXT = /(?<![0-9a-f])([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?![0-9a-f])/gi;
const WHOLE_ID = new RegExp(`^${ID_IN_TEXT.source}$`, "i");

/**
 * Notion ids as users paste them: a UUID with or without dashes, or a notion.so link to the
 * page or database (the id ends the last path segment). Returned dashed and lower-case, the
 * form the API answers with, so ids compare equal across calls.
 */
export function parseNotionId(value: string, field: string): string {
  const trimmed = value.trim();
  let parts: RegExpExecArray | null = null;
  if (/^https?:\/\//i.test(trimmed)) {
    let path = "";
    try {
      const url = new URL(trimmed);
      // A page opened from a database view is linked as `…/<database>?v=<view>&p=<page>`.
      path = url.searchParams.get("p") ?? url.pathname;
    } catch {
      path = "";
    }
    for (const match of path.matchAll(ID_IN_TEXT)) parts = match;
  } else {
    parts = WHOLE_ID.exec(trimmed);
  }
  if (!parts) {
    throw new ValidationError(
      `${field} must be a Notion id (32 hexadecimal characters, dashes allowed) or a Notion link, got "${trimmed.slice(0, 80)}"`,
      { path: [field] },
    );
  }
  return parts.slice(1, 6).join("-").toLowerCase();
}
