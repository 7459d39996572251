import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { discordWebhookCredential } from "./auth";
import { discordSendMessage } from "./send-message";

/** Discord: webhook messages with embeds. */
export const discordNodes: readonly AnyNodeDefinition[] = [discordSendMessage];
export const discordCredentials: readonly CredentialDefinition[] = [discordWebhookCredential];

export { discordWebhookCredential, discordSendMessage };
export { executeWebhook, getWebhook } from "./client";
export { checkDiscordLimits, DISCORD_LIMITS } from "./limits";
