import { RETRY_ON, type NodeSettings, type RetryOn } from "./flow-document";
import type { AnyNodeDefinition } from "./node-definition";

/** Node settings with the node type's defaults applied and units normalised to milliseconds. */
export interface EffectiveSettings {
  retries: number;
  retryDelayMs: number;
  backoff: "fixed" | "exponential";
  jitter: number;
  retryOn: readonly RetryOn[];
  timeoutMs: number | undefined;
  cacheTtlMs: number | undefined;
  onError: "fail" | "continue" | "route";
  mapOver: string | undefined;
  mapConcurrency: number;
  rateLimit: { key: string; perSecond: number } | undefined;
  concurrency: { key: string; limit: number } | undefined;
  circuitBreaker: { failureThreshold: number; cooldownMs: number } | undefined;
  disabled: boolean;
}

export const DEFAULT_RETRY_DELAY_SECONDS = 1;
export const DEFAULT_MAP_CONCURRENCY = 1;

export function mergeSettings(def: AnyNodeDefinition | undefined, own: NodeSettings | undefined): NodeSettings {
  if (!def?.defaults) return own ?? {};
  if (!own) return def.defaults;
  return { ...def.defaults, ...own };
}

export function effectiveSettings(def: AnyNodeDefinition | undefined, own: NodeSettings | undefined): EffectiveSettings {
  const s = mergeSettings(def, own);
  return {
    retries: s.retries ?? 0,
    retryDelayMs: (s.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS) * 1000,
    backoff: s.backoff ?? "fixed",
    jitter: s.jitter ?? 0,
    retryOn: s.retryOn ?? RETRY_ON,
    timeoutMs: s.timeoutSeconds === undefined ? undefined : s.timeoutSeconds * 1000,
    cacheTtlMs: s.cache?.policy === "inputs" ? s.cache.ttlSeconds * 1000 : undefined,
    onError: s.onError ?? "fail",
    mapOver: s.mapOver,
    mapConcurrency: s.mapConcurrency ?? DEFAULT_MAP_CONCURRENCY,
    rateLimit: s.rateLimit,
    concurrency: s.concurrency,
    circuitBreaker: s.circuitBreaker
      ? { failureThreshold: s.circuitBreaker.failureThreshold, cooldownMs: s.circuitBreaker.cooldownSeconds * 1000 }
      : undefined,
    disabled: s.disabled ?? false,
  };
}
