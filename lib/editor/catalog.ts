import type { z } from "zod";
import { createRegistry } from "@/lib/engine/registry";
import type { NodeRegistry } from "@/lib/engine/engine-api";
import { NODE_CATEGORIES, nodePorts, type AnyNodeDefinition, type NodeCategory } from "@/lib/engine/node-definition";

/**
 * What the palette, the node components and the inspector know about node types: the light
 * definitions (schemas, title, icon, ports), never a vendor SDK.
 */

export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  trigger: "Triggers",
  logic: "Logic",
  data: "Data",
  flow: "Flow control",
  artifact: "Artifacts",
  code: "Code",
  http: "HTTP",
  notification: "Notifications",
  integration: "Integrations",
};

export interface NodeCatalog {
  readonly registry: NodeRegistry;
  /** Latest version of each type. */
  readonly entries: readonly AnyNodeDefinition[];
  get(type: string, version?: number): AnyNodeDefinition | undefined;
  search(query: string): AnyNodeDefinition[];
  grouped(query?: string): { category: NodeCategory; label: string; entries: AnyNodeDefinition[] }[];
}

const normalise = (s: string) => s.toLowerCase().normalize("NFKD");

export function createCatalog(definitions: readonly AnyNodeDefinition[]): NodeCatalog {
  const registry = createRegistry(definitions);
  const entries = registry.list();
  const latest = new Map(entries.map((d) => [d.type, d]));
  const search = (query: string): AnyNodeDefinition[] => {
    const words = normalise(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return [...entries];
    return entries.filter((d) => {
      const hay = normalise(`${d.title} ${d.description} ${d.type} ${CATEGORY_LABELS[d.category]}`);
      return words.every((w) => hay.includes(w));
    });
  };
  return {
    registry,
    entries,
    get: (type, version) => (version === undefined ? latest.get(type) : (registry.get(type, version) ?? undefined)),
    search,
    grouped: (query = "") => {
      const found = search(query);
      return NODE_CATEGORIES.map((category) => ({
        category,
        label: CATEGORY_LABELS[category],
        entries: found.filter((d) => d.category === category).sort((a, b) => a.title.localeCompare(b.title)),
      })).filter((g) => g.entries.length > 0);
    },
  };
}

/** Output ports of one node: the type's ports for this config, plus `error` when errors are routed. */
export function outputPortsOf(def: AnyNodeDefinition | undefined, config: Record<string, unknown>, onError?: string): string[] {
  let ports: readonly string[] = ["out"];
  // Fixed ports need no config: skip parsing it (a large flow renders a thousand nodes at once).
  if (def && typeof def.ports !== "function") ports = def.ports;
  else if (def) {
    const parsed = parseConfig(def, config);
    try {
      ports = nodePorts(def, parsed.success ? parsed.data : config);
    } catch {
      // A port function may need valid config; until the config is valid the node shows `out`.
      ports = typeof def.ports === "function" ? ["out"] : def.ports;
    }
  }
  const out = [...ports];
  if (onError === "route" && !out.includes("error")) out.push("error");
  return out;
}

export const hasInputPort = (def: AnyNodeDefinition | undefined): boolean => def?.hasInput !== false;

/** The registry erases schema types; parsing through `z.ZodType` keeps the result typed as unknown. */
export function parseConfig(def: AnyNodeDefinition, config: unknown): { success: boolean; data?: unknown } {
  return (def.config as z.ZodType).safeParse(config);
}
