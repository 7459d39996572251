import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { slackWebhookCredential } from "./auth";
import { credentialData } from "./credential-data";
import { blocksSchema, optional, slackContent, slackTextSchema } from "./message";
import { sendIncomingWebhook } from "./webhook-client";

/** Posts to the channel of an incoming webhook. */
export const slackSendWebhook = defineNode({
  type: "slack.webhook.send",
  version: 1,
  title: "Slack: send webhook message",
  description: "Posts a message through a Slack incoming webhook (no bot token needed).",
  category: "notification",
  icon: "slack",
  docsUrl: "/docs/integrations/slack",
  credential: slackWebhookCredential.type,
  config: z.object({
    text: slackTextSchema,
    blocks: blocksSchema,
    threadTs: z.string().optional().meta({ title: "Reply in thread (ts)" }),
    unfurlLinks: z.boolean().optional().meta({ title: "Unfurl links" }),
    unfurlMedia: z.boolean().optional().meta({ title: "Unfurl media" }),
  }),
  output: z.object({ sent: z.literal(true), response: z.string().meta({ description: "Slack's answer text (`ok`)." }) }),
  ports: ["out"],
  sideEffect: true,
  defaults: {
    retries: 3,
    retryDelaySeconds: 1,
    backoff: "exponential",
    retryOn: ["rate_limited", "network", "server_error", "timeout"],
    timeoutSeconds: 30,
  },
  async run(ctx, config) {
    const content = slackContent(config.text, config.blocks);
    const data = await credentialData(ctx, slackWebhookCredential);
    const threadTs = optional(config.threadTs);
    const response = await sendIncomingWebhook({ fetch: ctx.fetch, signal: ctx.signal }, data, {
      ...content,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: config.unfurlLinks,
      unfurl_media: config.unfurlMedia,
    });
    ctx.log.info("Slack webhook message sent");
    return { sent: true as const, response };
  },
});
