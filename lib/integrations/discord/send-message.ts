import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { discordWebhookCredential } from "./auth";
import { executeWebhook } from "./client";
import { webhookCredential } from "./credential-data";
import { checkDiscordLimits } from "./limits";
import { discordMessageConfig, toWebhookPayload } from "./message";

export const discordSendOutput = z.object({
  sent: z.literal(true),
  messageId: z.string().optional().meta({ description: "Id of the created message (when waiting for Discord's answer)." }),
  channelId: z.string().optional(),
  timestamp: z.string().optional(),
});

/** Posts a message with optional embeds through a channel webhook; limits are checked before sending. */
export const discordSendMessage = defineNode({
  type: "discord.webhook.send",
  version: 1,
  title: "Discord: send message",
  description: "Posts a message with up to 10 embeds to a Discord channel through its webhook.",
  category: "notification",
  icon: "discord",
  docsUrl: "/docs/integrations/discord",
  credential: discordWebhookCredential.type,
  config: discordMessageConfig.extend({
    wait: z
      .boolean()
      .default(true)
      .meta({ title: "Wait for the message", description: "Ask Discord to return the created message (its id)." }),
  }),
  output: discordSendOutput,
  ports: ["out"],
  sideEffect: true,
  defaults: {
    retries: 3,
    retryDelaySeconds: 2,
    backoff: "exponential",
    retryOn: ["rate_limited", "network", "server_error", "timeout"],
    timeoutSeconds: 30,
  },
  async run(ctx, config) {
    checkDiscordLimits(config);
    const { webhookUrl } = await webhookCredential(ctx);
    const message = await executeWebhook(ctx.fetch, webhookUrl, toWebhookPayload(config), {
      wait: config.wait,
      threadId: config.threadId || undefined,
      signal: ctx.signal,
      dryRun: ctx.dryRun,
    });
    ctx.log.info("Discord message sent", { messageId: message?.id });
    return { sent: true as const, messageId: message?.id, channelId: message?.channel_id, timestamp: message?.timestamp };
  },
});
