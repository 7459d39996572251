import type { RetryOn } from "./flow-document";
import { RateLimitedError, type NodeError } from "./errors";

/**
 * Whether a failed attempt is retried, and after how long: a pure function of the error, the
 * attempt number and the policy (the random source is passed in so tests fix it).
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0: one attempt only). */
  retries: number;
  retryDelayMs: number;
  backoff: "fixed" | "exponential";
  /** 0..1: the delay is drawn uniformly from delay·(1 ± jitter). */
  jitter: number;
  retryOn: readonly RetryOn[];
}

export type RetryVerdict = { kind: "retry"; delayMs: number } | { kind: "fail" } | { kind: "cancel" };

/** Longest computed backoff; a server's Retry-After may still ask for more. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

const RETRY_CATEGORIES: ReadonlySet<string> = new Set<RetryOn>(["rate_limited", "network", "server_error", "timeout", "unknown"]);

/** The delay before retry number `attempt` (1-based attempt that just failed), before Retry-After. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const factor = policy.backoff === "exponential" ? 2 ** (attempt - 1) : 1;
  const base = Math.min(policy.retryDelayMs * factor, MAX_BACKOFF_MS);
  if (policy.jitter <= 0) return base;
  const spread = base * policy.jitter;
  return Math.max(0, Math.round(base - spread + 2 * spread * random()));
}

/**
 * @param attempt the attempt that just failed, starting at 1
 * @param random uniform in [0, 1)
 */
export function retryVerdict(error: NodeError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): RetryVerdict {
  if (error.category === "cancelled") return { kind: "cancel" };
  // The error class decides: auth, validation, not found, non-retryable and open circuits never retry.
  if (!error.retryable || !RETRY_CATEGORIES.has(error.category)) return { kind: "fail" };
  if (!policy.retryOn.includes(error.category as RetryOn)) return { kind: "fail" };
  if (attempt > policy.retries) return { kind: "fail" };
  let delayMs = backoffDelay(attempt, policy, random);
  if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) delayMs = Math.max(delayMs, error.retryAfterMs);
  return { kind: "retry", delayMs };
}
