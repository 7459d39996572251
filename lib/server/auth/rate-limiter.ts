/**
 * A fixed-window failure counter kept in memory. It guards the sign-in and sign-up forms
 * of one process; with several web processes each keeps its own count (documented in
 * docs/auth.md).
 */
export interface RateLimiterOptions {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Keys kept at most; the oldest windows are dropped first, bounding memory under floods. */
  maxKeys?: number;
}

export interface RateLimitState {
  limited: boolean;
  remaining: number;
  retryAfterMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  check(key: string): RateLimitState {
    const w = this.current(key);
    const count = w?.count ?? 0;
    const retryAfterMs = w ? w.start + this.options.windowMs - this.now() : 0;
    return {
      limited: count >= this.options.limit,
      remaining: Math.max(0, this.options.limit - count),
      retryAfterMs: count >= this.options.limit ? retryAfterMs : 0,
    };
  }

  /** Counts one attempt; returns the state after it. */
  hit(key: string): RateLimitState {
    const now = this.now();
    const w = this.current(key);
    if (w) w.count += 1;
    else {
      this.windows.set(key, { start: now, count: 1 });
      this.prune();
    }
    return this.check(key);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): { start: number; count: number } | undefined {
    const w = this.windows.get(key);
    if (w && this.now() - w.start >= this.options.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private prune(): void {
    const max = this.options.maxKeys ?? 50_000;
    if (this.windows.size <= max) return;
    for (const key of this.windows.keys()) {
      if (this.windows.size <= max) break;
      this.windows.delete(key);
    }
  }
}
