import type { NodeSettings } from "@/lib/engine/flow-document";

/**
 * Default retry settings of vendor nodes. Reads and idempotent writes retry every
 * retryable failure; writes that would duplicate when a lost answer is retried (creating a
 * page, appending blocks) retry only a 429, which the vendor answers before doing anything.
 */
export const RETRYING_DEFAULTS: NodeSettings = {
  retries: 3,
  retryDelaySeconds: 1,
  backoff: "exponential",
  jitter: 0.2,
  timeoutSeconds: 120,
};

export const NON_IDEMPOTENT_WRITE_DEFAULTS: NodeSettings = { ...RETRYING_DEFAULTS, retryOn: ["rate_limited"] };
