import type { NodeRegistry } from "@/lib/engine";
import { catalogRegistry } from "@/lib/catalog";

/** The CLI knows every node type the product ships (the catalog's registry). */
export function cliRegistry(): NodeRegistry {
  return catalogRegistry;
}
