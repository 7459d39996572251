import { z } from "zod";
import { defineCredential } from "@/lib/engine/credential-definition";
import { SLACK_API_URL, testBotToken } from "./client";
import { testIncomingWebhook } from "./webhook-client";

const httpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};

export const slackBotFields = z.object({
  token: z
    .string()
    .trim()
    .regex(/^xox[a-z]-/, "Expected a Slack token starting with xoxb- (bot) or xoxp- (user)")
    .meta({ title: "Bot token", description: "OAuth & Permissions → Bot User OAuth Token (xoxb-…), with the chat:write scope." }),
  baseUrl: z
    .string()
    .trim()
    .refine(httpUrl, "Expected an http(s) URL")
    .optional()
    .meta({
      title: "API base URL (advanced)",
      description: `Defaults to ${SLACK_API_URL}; point at a sandbox or a local fake for testing.`,
    }),
});
export type SlackBotData = z.output<typeof slackBotFields>;

/** chat.postMessage is in Slack's "special" tier: about one message per second per channel. */
export const slackBotCredential = defineCredential({
  type: "slack.bot-token",
  title: "Slack bot token",
  description: "A Slack app's bot token, to post messages with chat.postMessage.",
  icon: "slack",
  fields: slackBotFields,
  secretFields: ["token"],
  rateLimit: { perSecond: 1 },
  authenticate: (data) => ({ headers: { authorization: `Bearer ${data.token}` } }),
  async test(data, io) {
    const who = await testBotToken(io, data);
    return { ok: true, message: `Connected to ${who.team ?? "the workspace"} as ${who.user ?? "the app"}` };
  },
});

export const slackWebhookFields = z.object({
  webhookUrl: z
    .string()
    .trim()
    .refine((value) => httpUrl(value) && /^\/(services|triggers|workflows)\//.test(new URL(value).pathname), {
      message: "Expected a Slack incoming webhook URL such as https://hooks.slack.com/services/T…/B…/…",
    })
    .meta({ title: "Webhook URL", description: "Your app → Incoming Webhooks → Webhook URL. The URL is the secret." }),
});
export type SlackWebhookData = z.output<typeof slackWebhookFields>;

/** Incoming webhooks take one message per second, with short bursts tolerated. */
export const slackWebhookCredential = defineCredential({
  type: "slack.incoming-webhook",
  title: "Slack incoming webhook",
  description: "An incoming webhook URL that posts into one channel.",
  icon: "slack",
  fields: slackWebhookFields,
  secretFields: ["webhookUrl"],
  rateLimit: { perSecond: 1 },
  async test(data, io) {
    await testIncomingWebhook(io, data);
    return { ok: true, message: "The webhook is active (a test payload was refused as empty, nothing was posted)" };
  },
});
