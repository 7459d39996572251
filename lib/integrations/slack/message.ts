import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";

/** Message parts shared by the Web API and incoming-webhook nodes, and Slack's documented limits. */

export const SLACK_LIMITS = {
  /** Longer text is truncated by Slack; we refuse instead of posting half a message. */
  text: 40_000,
  blocks: 50,
} as const;

/** Block Kit blocks: a JSON array (or its text, as pasted into the inspector). */
export const blocksSchema = z
  .union([z.array(z.record(z.string(), z.unknown())), z.string()])
  .optional()
  .meta({
    title: "Blocks",
    description: "Block Kit JSON array (up to 50 blocks); the text becomes the notification fallback.",
    widget: "json",
  });

export const slackTextSchema = z
  .string()
  .optional()
  .meta({ title: "Text", description: "Message text in Slack mrkdwn; required unless blocks are given.", widget: "textarea" });

/** Parses and checks text and blocks; throws a ValidationError naming the field. */
export function slackContent(
  text: string | undefined,
  blocks: z.output<typeof blocksSchema>,
): { text?: string; blocks?: Record<string, unknown>[] } {
  let parsedBlocks: Record<string, unknown>[] | undefined;
  if (typeof blocks === "string") {
    if (blocks.trim() !== "") {
      let value: unknown;
      try {
        value = JSON.parse(blocks);
      } catch {
        throw new ValidationError("blocks is not valid JSON", { path: ["blocks"] });
      }
      const array = z.array(z.record(z.string(), z.unknown())).safeParse(value);
      if (!array.success) throw new ValidationError("blocks must be a JSON array of block objects", { path: ["blocks"] });
      parsedBlocks = array.data;
    }
  } else if (blocks && blocks.length > 0) {
    parsedBlocks = blocks;
  }
  const hasText = text !== undefined && text.trim() !== "";
  if (!hasText && !parsedBlocks) throw new ValidationError("Slack needs text or blocks: both are empty", { path: ["text"] });
  if (hasText && text.length > SLACK_LIMITS.text) {
    throw new ValidationError(`text is ${text.length} characters long; Slack allows at most ${SLACK_LIMITS.text}`, { path: ["text"] });
  }
  if (parsedBlocks && parsedBlocks.length > SLACK_LIMITS.blocks) {
    throw new ValidationError(`blocks holds ${parsedBlocks.length} blocks; Slack allows at most ${SLACK_LIMITS.blocks}`, {
      path: ["blocks"],
    });
  }
  return { ...(hasText ? { text } : {}), ...(parsedBlocks ? { blocks: parsedBlocks } : {}) };
}

export const optional = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value);
