import { z } from "zod";

/**
 * The message a Discord node sends, in the canvas's words (camelCase), and its translation to
 * Discord's wire format. Empty strings from the inspector mean "not set".
 */

const optionalText = z.string().optional();

export const embedFieldSchema = z.object({
  name: z.string().meta({ title: "Name" }),
  value: z.string().meta({ title: "Value", widget: "textarea" }),
  inline: z.boolean().optional().meta({ title: "Inline" }),
});

export const embedSchema = z.object({
  title: optionalText.meta({ title: "Title" }),
  description: optionalText.meta({ title: "Description", widget: "textarea" }),
  url: optionalText.meta({ title: "Title link" }),
  color: z
    .union([z.number(), z.string()])
    .optional()
    .meta({ title: "Colour", description: "#RRGGBB or a number from 0 to 16777215 (0xFFFFFF)" }),
  timestamp: optionalText.meta({ title: "Timestamp", description: "ISO 8601, e.g. 2026-01-31T12:00:00Z" }),
  author: z.object({ name: z.string(), url: optionalText, iconUrl: optionalText }).optional().meta({ title: "Author" }),
  footer: z.object({ text: z.string(), iconUrl: optionalText }).optional().meta({ title: "Footer" }),
  fields: z.array(embedFieldSchema).optional().meta({ title: "Fields" }),
  imageUrl: optionalText.meta({ title: "Image URL" }),
  thumbnailUrl: optionalText.meta({ title: "Thumbnail URL" }),
});
export type Embed = z.output<typeof embedSchema>;

export const MENTION_MODES = ["none", "users", "users-and-roles", "all"] as const;

export const discordMessageConfig = z.object({
  content: optionalText.meta({ title: "Message", description: "Up to 2000 characters; Markdown works.", widget: "textarea" }),
  embeds: z.array(embedSchema).default([]).meta({ title: "Embeds", description: "Up to 10 rich embeds." }),
  username: optionalText.meta({ title: "Username override" }),
  avatarUrl: optionalText.meta({ title: "Avatar URL override" }),
  tts: z.boolean().default(false).meta({ title: "Text to speech" }),
  threadId: optionalText.meta({ title: "Thread id", description: "Post into this thread of the webhook's channel." }),
  threadName: optionalText.meta({ title: "New forum post title", description: "For webhooks of forum channels." }),
  mentions: z
    .enum(MENTION_MODES)
    .default("users-and-roles")
    .meta({ title: "Allowed mentions", description: "Which @mentions in the text may ping; @everyone and @here only with “all”." }),
});
export type DiscordMessageConfig = z.output<typeof discordMessageConfig>;

const present = (value: string | undefined): value is string => value !== undefined && value !== "";

/** `#5865F2`, `0x5865F2`, `5793266` or 5793266 → 5793266; NaN when unreadable (limits.ts reports it). */
export function parseColor(color: number | string): number {
  if (typeof color === "number") return color;
  const text = color.trim();
  if (/^#[0-9a-f]{6}$/i.test(text)) return parseInt(text.slice(1), 16);
  if (/^0x[0-9a-f]{1,6}$/i.test(text)) return parseInt(text.slice(2), 16);
  if (/^\d+$/.test(text)) return Number(text);
  return Number.NaN;
}

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

function embedToWire(embed: Embed): Record<string, unknown> {
  return compact({
    title: embed.title,
    description: embed.description,
    url: embed.url,
    color: embed.color === undefined || embed.color === "" ? undefined : parseColor(embed.color),
    timestamp: embed.timestamp,
    author:
      embed.author && present(embed.author.name)
        ? compact({ name: embed.author.name, url: embed.author.url, icon_url: embed.author.iconUrl })
        : undefined,
    footer: embed.footer && present(embed.footer.text) ? compact({ text: embed.footer.text, icon_url: embed.footer.iconUrl }) : undefined,
    fields:
      embed.fields && embed.fields.length > 0
        ? embed.fields.map((f) => compact({ name: f.name, value: f.value, inline: f.inline }))
        : undefined,
    image: present(embed.imageUrl) ? { url: embed.imageUrl } : undefined,
    thumbnail: present(embed.thumbnailUrl) ? { url: embed.thumbnailUrl } : undefined,
  });
}

const ALLOWED_MENTIONS: Record<(typeof MENTION_MODES)[number], string[]> = {
  none: [],
  users: ["users"],
  "users-and-roles": ["users", "roles"],
  all: ["users", "roles", "everyone"],
};

/** The JSON body of `POST /webhooks/{id}/{token}`. */
export function toWebhookPayload(config: DiscordMessageConfig): Record<string, unknown> {
  return compact({
    content: config.content,
    username: config.username,
    avatar_url: config.avatarUrl,
    tts: config.tts ? true : undefined,
    embeds: config.embeds.length > 0 ? config.embeds.map(embedToWire) : undefined,
    thread_name: config.threadName,
    allowed_mentions: { parse: ALLOWED_MENTIONS[config.mentions] },
  });
}
