import { z } from "zod";
import { defineNode } from "@/lib/engine/node-definition";
import { slackBotCredential } from "./auth";
import { postMessage } from "./client";
import { credentialData } from "./credential-data";
import { blocksSchema, optional, slackContent, slackTextSchema } from "./message";

/** Posts a message with a bot token (`chat.postMessage`). */
export const slackPostMessage = defineNode({
  type: "slack.message.post",
  version: 1,
  title: "Slack: post message",
  description: "Posts a message to a channel, DM or thread with a Slack app's bot token.",
  category: "notification",
  icon: "slack",
  docsUrl: "/docs/integrations/slack",
  credential: slackBotCredential.type,
  config: z.object({
    channel: z
      .string()
      .trim()
      .min(1)
      .meta({ title: "Channel", description: "Channel id (C…), DM id, or #name. The app must be in the channel." }),
    text: slackTextSchema,
    blocks: blocksSchema,
    threadTs: z.string().optional().meta({ title: "Reply in thread (ts)", description: "ts of the parent message." }),
    replyBroadcast: z.boolean().default(false).meta({ title: "Also send to channel" }),
    username: z.string().optional().meta({ title: "Username override", description: "Needs the chat:write.customize scope." }),
    iconEmoji: z.string().optional().meta({ title: "Icon emoji", description: "e.g. :rocket:" }),
    iconUrl: z.string().optional().meta({ title: "Icon URL" }),
    unfurlLinks: z.boolean().optional().meta({ title: "Unfurl links" }),
    unfurlMedia: z.boolean().optional().meta({ title: "Unfurl media" }),
    mrkdwn: z.boolean().default(true).meta({ title: "Format text as mrkdwn" }),
  }),
  output: z.object({
    ok: z.literal(true),
    channel: z.string().meta({ description: "Channel id the message went to." }),
    ts: z.string().meta({ description: "Message timestamp: its id, and the parent ts for replies." }),
    threadTs: z.string().optional(),
  }),
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
    const data = await credentialData(ctx, slackBotCredential);
    const threadTs = optional(config.threadTs);
    const result = await postMessage({ fetch: ctx.fetch, signal: ctx.signal, log: ctx.log }, data, {
      channel: config.channel,
      ...content,
      ...(threadTs ? { thread_ts: threadTs, reply_broadcast: config.replyBroadcast || undefined } : {}),
      username: optional(config.username),
      icon_emoji: optional(config.iconEmoji),
      icon_url: optional(config.iconUrl),
      unfurl_links: config.unfurlLinks,
      unfurl_media: config.unfurlMedia,
      mrkdwn: config.mrkdwn ? undefined : false,
    });
    ctx.log.info("Slack message posted", { channel: result.channel, ts: result.ts });
    return { ok: true as const, channel: result.channel, ts: result.ts, threadTs: result.message?.thread_ts };
  },
});
