import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { customWebhookCredential } from "./auth";
import { webhookSendNotification } from "./send-notification";

/** Custom webhook notifications: any method and URL, a JSON body template, named secrets. */
export const webhookNodes: readonly AnyNodeDefinition[] = [webhookSendNotification];
export const webhookCredentials: readonly CredentialDefinition[] = [customWebhookCredential];

export { customWebhookCredential, webhookSendNotification };
export { sendCustomWebhook } from "./client";
export { DEFAULT_BODY_TEMPLATE, MESSAGE_FIELDS } from "./template";
