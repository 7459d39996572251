import type { WebhookRateLimit } from "./webhook-config";

/**
 * Per-hook token buckets, in the memory of the process that answers the hook: `burst` tokens,
 * refilled at `perSecond`. Checked before the body is read, so a flood costs one map lookup
 * per request.
 */
export interface HookRateLimiter {
  /** 0 when the request may go on, else the seconds until a token is back. */
  take(hookId: string, limit: WebhookRateLimit, now: number): number;
  forget(hookId: string): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle this long are full again and can be dropped. */
const MAX_BUCKETS = 100_000;

export function createHookRateLimiter(): HookRateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(hookId, limit, now) {
      const capacity = limit.burst ?? Math.max(1, Math.ceil(limit.perSecond));
      let bucket = buckets.get(hookId);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) buckets.clear();
        bucket = { tokens: capacity, at: now };
        buckets.set(hookId, bucket);
      } else {
        bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
        bucket.at = now;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (1 - bucket.tokens) / limit.perSecond;
    },
    forget(hookId) {
      buckets.delete(hookId);
    },
  };
}
