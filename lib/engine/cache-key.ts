import { createHash } from "node:crypto";

/**
 * The result-cache key of a step (`cache.policy: "inputs"`): SHA-256 over a stable JSON of
 * what determines the result. Workspace and credential are part of it so one tenant (or one
 * account) never reads another's cached result.
 */
export interface CacheKeyParts {
  type: string;
  version: number;
  config: unknown;
  input: unknown;
  workspaceId?: string;
  credential?: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  const text = stableStringify([parts.type, parts.version, parts.workspaceId ?? null, parts.credential ?? null, parts.config, parts.input]);
  return "sha256:" + createHash("sha256").update(text).digest("hex");
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (value === undefined || typeof value === "function" || typeof value === "symbol") return "null";
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    return JSON.stringify(value);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return stableStringify(withJson.toJSON());
  if (Array.isArray(value)) return "[" + value.map(stableStringify).join(",") + "]";
  const keys = Object.keys(value).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    out += (first ? "" : ",") + JSON.stringify(k) + ":" + stableStringify(v);
    first = false;
  }
  return out + "}";
}
