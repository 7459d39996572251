import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { slackBotCredential, slackWebhookCredential } from "./auth";
import { slackPostMessage } from "./post-message";
import { slackSendWebhook } from "./send-webhook";

/** Slack: incoming-webhook messages and chat.postMessage with a bot token. */
export const slackNodes: readonly AnyNodeDefinition[] = [slackSendWebhook, slackPostMessage];
export const slackCredentials: readonly CredentialDefinition[] = [slackWebhookCredential, slackBotCredential];

export { slackBotCredential, slackWebhookCredential, slackPostMessage, slackSendWebhook };
export { postMessage } from "./client";
export { sendIncomingWebhook } from "./webhook-client";
export { slackError } from "./errors";
