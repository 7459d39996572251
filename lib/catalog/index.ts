import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { NodeRegistry } from "@/lib/engine/engine-api";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { createRegistry } from "@/lib/engine/registry";
import { discordCredentials, discordNodes } from "@/lib/integrations/discord";
import { notionCredentials, notionNodes } from "@/lib/integrations/notion";
import { coreNodes } from "@/lib/nodes";
import { collectDefinitions } from "./collect";

/**
 * The one place that combines every node type and credential type the product ships: the
 * server's engine registry, the vault's type list, the editor's palette and the docs all read
 * it. It holds light definitions only (schemas, metadata, handlers that import their SDKs
 * lazily), so the browser bundle can import it too.
 *
 * A new family joins with one import and one entry below.
 */
const collected = collectDefinitions({ coreNodes }, { discordNodes, discordCredentials }, { notionNodes, notionCredentials });

export const allNodes: readonly AnyNodeDefinition[] = collected.nodes;
export const allCredentials: readonly CredentialDefinition[] = collected.credentials;

export const catalogRegistry: NodeRegistry = createRegistry(allNodes);

const credentialsByType = new Map(allCredentials.map((c) => [c.type, c]));

export function credentialDefinition(type: string): CredentialDefinition | undefined {
  return credentialsByType.get(type);
}

export { collectDefinitions, type Definitions } from "./collect";
