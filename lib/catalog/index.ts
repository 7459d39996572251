import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { NodeRegistry } from "@/lib/engine/engine-api";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { createRegistry } from "@/lib/engine/registry";
import { discordCredentials, discordNodes } from "@/lib/integrations/discord";
import { loopsCredentials, loopsNodes } from "@/lib/integrations/loops";
import { notionCredentials, notionNodes } from "@/lib/integrations/notion";
import { sendgridCredentials, sendgridNodes } from "@/lib/integrations/sendgrid";
import { slackCredentials, slackNodes } from "@/lib/integrations/slack";
import { webhookCredentials, webhookNodes } from "@/lib/integrations/webhook";
import { coreNodes } from "@/lib/nodes";
import { httpCredentials, httpNodes } from "@/lib/nodes/http";
import { webhookTriggerCredentials } from "@/lib/nodes/trigger/webhook";
import { collectDefinitions } from "./collect";

/**
 * The one place that combines every node type and credential type the product ships: the
 * server's engine registry, the vault's type list, the editor's palette and the docs all read
 * it. It holds light definitions only (schemas, metadata, handlers that import their SDKs
 * lazily), so the browser bundle can import it too.
 *
 * A new family joins with one import and one entry below.
 */
const collected = collectDefinitions(
  { coreNodes, webhookTriggerCredentials },
  { httpNodes, httpCredentials },
  { discordNodes, discordCredentials },
  { loopsNodes, loopsCredentials },
  { notionNodes, notionCredentials },
  { sendgridNodes, sendgridCredentials },
  { slackNodes, slackCredentials },
  { webhookNodes, webhookCredentials },
);

export const allNodes: readonly AnyNodeDefinition[] = collected.nodes;
export const allCredentials: readonly CredentialDefinition[] = collected.credentials;

export const catalogRegistry: NodeRegistry = createRegistry(allNodes);

const credentialsByType = new Map(allCredentials.map((c) => [c.type, c]));

export function credentialDefinition(type: string): CredentialDefinition | undefined {
  return credentialsByType.get(type);
}

export { collectDefinitions, type Definitions } from "./collect";
