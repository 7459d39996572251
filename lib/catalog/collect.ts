import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";

/**
 * Picks the node and credential definitions out of a family's module exports (a list such as
 * `notionNodes`, or single definitions). Reading the exports' shapes instead of agreed
 * names means a new vendor joins the catalog with one import line.
 */

export interface Definitions {
  nodes: AnyNodeDefinition[];
  credentials: CredentialDefinition[];
}

function isNodeDefinition(value: unknown): value is AnyNodeDefinition {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === "string" && typeof v.version === "number" && typeof v.run === "function" && "config" in v;
}

function isCredentialDefinition(value: unknown): value is CredentialDefinition {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === "string" && Array.isArray(v.secretFields) && "fields" in v && typeof v.title === "string";
}

export function collectDefinitions(...modules: readonly Record<string, unknown>[]): Definitions {
  const nodes = new Map<string, AnyNodeDefinition>();
  const credentials = new Map<string, CredentialDefinition>();
  const take = (value: unknown): void => {
    if (isNodeDefinition(value)) nodes.set(`${value.type}@${value.version}`, value);
    else if (isCredentialDefinition(value)) credentials.set(value.type, value);
  };
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      if (Array.isArray(value)) value.forEach(take);
      else take(value);
    }
  }
  return { nodes: [...nodes.values()], credentials: [...credentials.values()] };
}
