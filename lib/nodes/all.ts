import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { coreNodes } from "./core-nodes";

/**
 * Every node type the product ships, for the server's registry, the palette and the docs.
 * Add each family's list here:
 *   - HTTP request: `httpNodes` from ./http
 *   - integrations: each vendor's list from @/lib/integrations/<vendor>
 */
export const allNodes: readonly AnyNodeDefinition[] = [...coreNodes];
