import type { NodeRegistry } from "./engine-api";
import type { AnyNodeDefinition } from "./node-definition";

export class DuplicateNodeTypeError extends Error {
  constructor(type: string, version: number) {
    super(`Node type ${type}@${version} is registered twice`);
    this.name = "DuplicateNodeTypeError";
  }
}

/**
 * Every version of every node type, keyed by `type@version`. Old versions stay registered so
 * flows saved with them keep running; `list()` offers only the latest version of each type.
 */
export function createRegistry(defs: readonly AnyNodeDefinition[]): NodeRegistry {
  const byKey = new Map<string, AnyNodeDefinition>();
  const latest = new Map<string, AnyNodeDefinition>();
  for (const def of defs) {
    const key = `${def.type}@${def.version}`;
    if (byKey.has(key)) throw new DuplicateNodeTypeError(def.type, def.version);
    byKey.set(key, def);
    const current = latest.get(def.type);
    if (!current || current.version < def.version) latest.set(def.type, def);
  }
  const listed = [...latest.values()].sort((a, b) => a.type.localeCompare(b.type));
  return {
    get: (type, version) => byKey.get(`${type}@${version}`),
    list: () => listed,
  };
}
