import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { getWebhook } from "./client";
import { webhookUrlSchema } from "./webhook-url";

export const discordWebhookFields = z.object({
  webhookUrl: webhookUrlSchema.meta({
    title: "Webhook URL",
    description: "Channel settings → Integrations → Webhooks → Copy Webhook URL. The URL contains the webhook's secret token.",
  }),
});
export type DiscordWebhookData = z.output<typeof discordWebhookFields>;

/**
 * Discord publishes no fixed per-route numbers (answers carry X-RateLimit-* headers instead);
 * webhook posts are widely observed at 5 per 2 seconds per webhook and 30 per minute per
 * channel. The default keeps to the channel figure; 429 answers carry the exact wait.
 */
export const discordWebhookCredential = defineCredential({
  type: "discord.webhook",
  title: "Discord webhook",
  description: "An incoming webhook of a Discord channel. No bot is needed; the URL is the secret.",
  icon: "discord",
  fields: discordWebhookFields,
  secretFields: ["webhookUrl"],
  rateLimit: { perSecond: 0.5 },
  async test(data, io) {
    const hook = await getWebhook(io.fetch, data.webhookUrl, io.signal);
    return { ok: true, message: `Webhook "${hook.name ?? hook.id}" posts to channel ${hook.channel_id ?? "unknown"}` };
  },
});
