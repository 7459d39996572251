import { ValidationError } from "@/lib/engine/errors";
import { parseColor, type DiscordMessageConfig } from "./message";

/**
 * Discord's message limits (research/apis.md §7, the spec's RichEmbed schema), checked before
 * sending so a flow fails with the field named instead of a 400 after the fact. Lengths are
 * counted in UTF-16 code units, as discord.js does.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  username: 80,
  avatarUrl: 2048,
  threadName: 100,
  embeds: 10,
  title: 256,
  description: 4096,
  url: 2048,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of titles, descriptions, field names and values, footer texts and author names of all embeds. */
  embedTotal: 6000,
  colorMax: 0xffffff,
} as const;

type Path = (string | number)[];

function fail(path: Path, message: string): never {
  const where = path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
  throw new ValidationError(`Discord limit: ${where} ${message}`, { path });
}

function maxLength(value: string | undefined, limit: number, path: Path): number {
  const length = value?.length ?? 0;
  if (length > limit) fail(path, `is ${length} characters long; Discord allows at most ${limit}`);
  return length;
}

/** Throws a ValidationError naming the first field over a limit. */
export function checkDiscordLimits(config: DiscordMessageConfig): void {
  maxLength(config.content, DISCORD_LIMITS.content, ["content"]);
  if (config.username !== undefined && config.username !== "") maxLength(config.username, DISCORD_LIMITS.username, ["username"]);
  maxLength(config.avatarUrl, DISCORD_LIMITS.avatarUrl, ["avatarUrl"]);
  maxLength(config.threadName, DISCORD_LIMITS.threadName, ["threadName"]);
  if (config.embeds.length > DISCORD_LIMITS.embeds) {
    fail(["embeds"], `has ${config.embeds.length} embeds; Discord allows at most ${DISCORD_LIMITS.embeds}`);
  }
  let total = 0;
  config.embeds.forEach((embed, i) => {
    const at = (...rest: Path): Path => ["embeds", i, ...rest];
    total += maxLength(embed.title, DISCORD_LIMITS.title, at("title"));
    total += maxLength(embed.description, DISCORD_LIMITS.description, at("description"));
    maxLength(embed.url, DISCORD_LIMITS.url, at("url"));
    if (embed.color !== undefined && embed.color !== "") {
      const color = parseColor(embed.color);
      if (!Number.isInteger(color) || color < 0 || color > DISCORD_LIMITS.colorMax) {
        fail(
          at("color"),
          `must be #RRGGBB or an integer from 0 to ${DISCORD_LIMITS.colorMax} (0xFFFFFF), got ${JSON.stringify(embed.color)}`,
        );
      }
    }
    if (embed.timestamp !== undefined && embed.timestamp !== "" && Number.isNaN(Date.parse(embed.timestamp))) {
      fail(at("timestamp"), "must be an ISO 8601 date-time");
    }
    if (embed.author) total += maxLength(embed.author.name, DISCORD_LIMITS.authorName, at("author", "name"));
    if (embed.footer) total += maxLength(embed.footer.text, DISCORD_LIMITS.footerText, at("footer", "text"));
    const fields = embed.fields ?? [];
    if (fields.length > DISCORD_LIMITS.fields)
      fail(at("fields"), `has ${fields.length} fields; Discord allows at most ${DISCORD_LIMITS.fields}`);
    fields.forEach((field, j) => {
      if (field.name.trim() === "") fail(at("fields", j, "name"), "is empty; Discord requires a field name");
      if (field.value.trim() === "") fail(at("fields", j, "value"), "is empty; Discord requires a field value");
      total += maxLength(field.name, DISCORD_LIMITS.fieldName, at("fields", j, "name"));
      total += maxLength(field.value, DISCORD_LIMITS.fieldValue, at("fields", j, "value"));
    });
  });
  if (total > DISCORD_LIMITS.embedTotal) {
    fail(
      ["embeds"],
      `hold ${total} characters in total; Discord allows at most ${DISCORD_LIMITS.embedTotal} across all embeds of a message`,
    );
  }
  const hasContent = config.content !== undefined && config.content.trim() !== "";
  if (!hasContent && config.embeds.length === 0)
    fail(["content"], "is empty and there are no embeds; Discord cannot send an empty message");
}
