import { createRegistry, type NodeRegistry } from "@/lib/engine";
import { allNodes } from "@/lib/nodes/all";

/** The CLI knows every node type the product ships. */
export function cliRegistry(): NodeRegistry {
  return createRegistry(allNodes);
}
