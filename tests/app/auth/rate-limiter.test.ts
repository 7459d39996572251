import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/http/app-error";
import { LoginThrottle } from "@/lib/server/auth/login-throttle";
import { RateLimiter } from "@/lib/server/auth/rate-limiter";
import { clientAddress } from "@/lib/server/auth/client-address";

describe("RateLimiter", () => {
  it("limits after `limit` hits and opens again when the window has passed", () => {
    let now = 1_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect(limiter.hit("k").limited).toBe(false);
    expect(limiter.hit("k").limited).toBe(false);
    const third = limiter.hit("k");
    expect(third.limited).toBe(true);
    expect(third.retryAfterMs).toBe(60_000);
    expect(limiter.check("other").limited).toBe(false);
    now += 30_000;
    expect(limiter.check("k").retryAfterMs).toBe(30_000);
    now += 30_000;
    expect(limiter.check("k").limited).toBe(false);
  });

  it("keeps memory bounded under a flood of distinct keys", () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 10 });
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`);
    expect(limiter.check("k0").limited).toBe(false);
    expect(limiter.check("k99").limited).toBe(true);
  });
});

describe("LoginThrottle", () => {
  it("answers 429 with Retry-After after five failures for one address and email", () => {
    const throttle = new LoginThrottle({ now: () => 0 });
    for (let i = 0; i < 5; i++) {
      throttle.assertAllowed("1.1.1.1", "a@x.io");
      throttle.recordFailure("1.1.1.1", "a@x.io");
    }
    let caught: unknown;
    try {
      throttle.assertAllowed("1.1.1.1", "a@x.io");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).status).toBe(429);
    expect((caught as AppError).message).toMatch(/Too many failed sign-in attempts/);
    expect((caught as AppError).headers?.["Retry-After"]).toBe("900");
    // Another address may still try that account, and the same address another account.
    expect(() => throttle.assertAllowed("2.2.2.2", "a@x.io")).not.toThrow();
    expect(() => throttle.assertAllowed("1.1.1.1", "b@x.io")).not.toThrow();
  });

  it("stops guessing one account from rotating addresses", () => {
    const throttle = new LoginThrottle({ now: () => 0 });
    for (let i = 0; i < 20; i++) throttle.recordFailure(`10.0.0.${i}`, "a@x.io");
    expect(() => throttle.assertAllowed("10.9.9.9", "a@x.io")).toThrow(AppError);
  });

  it("forgets a person's mistakes after a successful sign-in", () => {
    const throttle = new LoginThrottle({ now: () => 0 });
    for (let i = 0; i < 4; i++) throttle.recordFailure("1.1.1.1", "a@x.io");
    throttle.recordSuccess("1.1.1.1", "a@x.io");
    throttle.recordFailure("1.1.1.1", "a@x.io");
    expect(() => throttle.assertAllowed("1.1.1.1", "a@x.io")).not.toThrow();
  });
});

describe("clientAddress", () => {
  it("takes the last X-Forwarded-For entry", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.2" }))).toBe("10.0.0.2");
    expect(clientAddress(new Headers({ "x-real-ip": "10.0.0.3" }))).toBe("10.0.0.3");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
