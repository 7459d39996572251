import { allNodes } from "@/lib/catalog";
import { createCatalog, type NodeCatalog } from "./catalog";

/** The palette's catalog: every node type the product ships (light definitions only). */
export const defaultCatalog: NodeCatalog = createCatalog(allNodes);
