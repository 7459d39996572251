import { describe, expect, it } from "vitest";
import {
  AuthError,
  CancelledError,
  CircuitOpenError,
  NetworkError,
  NodeError,
  NonRetryableError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "./errors";
import { backoffDelay, retryVerdict, type RetryPolicy } from "./retry";

const policy = (p: Partial<RetryPolicy> = {}): RetryPolicy => ({
  retries: 3,
  retryDelayMs: 1000,
  backoff: "fixed",
  jitter: 0,
  retryOn: ["rate_limited", "network", "server_error", "timeout", "unknown"],
  ...p,
});
const server = () => new ServerError("boom", { status: 503 });

describe("retryVerdict", () => {
  it("retries up to the count, then fails", () => {
    expect(retryVerdict(server(), 1, policy())).toEqual({ kind: "retry", delayMs: 1000 });
    expect(retryVerdict(server(), 3, policy())).toEqual({ kind: "retry", delayMs: 1000 });
    expect(retryVerdict(server(), 4, policy())).toEqual({ kind: "fail" });
    expect(retryVerdict(server(), 1, policy({ retries: 0 }))).toEqual({ kind: "fail" });
  });

  it("backs off exponentially", () => {
    const p = policy({ backoff: "exponential", retries: 5 });
    expect([1, 2, 3, 4].map((a) => retryVerdict(server(), a, p))).toEqual(
      [1000, 2000, 4000, 8000].map((delayMs) => ({ kind: "retry", delayMs })),
    );
  });

  it("keeps jitter within delay·(1 ± jitter)", () => {
    const p = policy({ jitter: 0.5, backoff: "exponential" });
    expect(backoffDelay(2, p, () => 0)).toBe(1000);
    expect(backoffDelay(2, p, () => 0.999999)).toBe(3000);
    expect(backoffDelay(2, p, () => 0.5)).toBe(2000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2, p, Math.random);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(3000);
    }
  });

  it("waits at least the server's Retry-After", () => {
    expect(retryVerdict(new RateLimitedError("slow", { retryAfterMs: 30_000 }), 1, policy())).toEqual({ kind: "retry", delayMs: 30_000 });
    expect(retryVerdict(new RateLimitedError("slow", { retryAfterMs: 10 }), 1, policy())).toEqual({ kind: "retry", delayMs: 1000 });
    expect(retryVerdict(new RateLimitedError("slow"), 1, policy())).toEqual({ kind: "retry", delayMs: 1000 });
  });

  it("never retries errors whose class says so", () => {
    for (const e of [
      new AuthError("no"),
      new ValidationError("bad"),
      new NotFoundError("gone"),
      new NonRetryableError("never"),
      new CircuitOpenError("open"),
    ]) {
      expect(retryVerdict(e, 1, policy())).toEqual({ kind: "fail" });
    }
  });

  it("retries only the categories in retryOn", () => {
    const p = policy({ retryOn: ["rate_limited"] });
    expect(retryVerdict(new NetworkError("reset"), 1, p)).toEqual({ kind: "fail" });
    expect(retryVerdict(new TimeoutError("late"), 1, p)).toEqual({ kind: "fail" });
    expect(retryVerdict(new RateLimitedError("slow"), 1, p).kind).toBe("retry");
    expect(retryVerdict(new NodeError("?", { category: "unknown", retryable: true }), 1, policy()).kind).toBe("retry");
  });

  it("cancels on cancellation", () => {
    expect(retryVerdict(new CancelledError(), 1, policy())).toEqual({ kind: "cancel" });
  });
});
