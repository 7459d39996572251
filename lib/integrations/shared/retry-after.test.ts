import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryAfterFromHeaders, secondsToMs } from "./retry-after";

describe("parseRetryAfter", () => {
  it("reads delta-seconds, including fractions", () => {
    expect(parseRetryAfter("1")).toBe(1000);
    expect(parseRetryAfter(" 30 ")).toBe(30_000);
    expect(parseRetryAfter("0.25")).toBe(250);
    expect(parseRetryAfter("0")).toBe(0);
  });

  it("reads an HTTP date against the given now", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0);
  });

  it("ignores missing and malformed values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter("-5")).toBeUndefined();
  });

  it("caps absurd waits", () => {
    expect(parseRetryAfter("99999999")).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe("secondsToMs", () => {
  it("accepts numbers and numeric strings only", () => {
    expect(secondsToMs(1.5)).toBe(1500);
    expect(secondsToMs("2")).toBe(2000);
    expect(secondsToMs("x")).toBeUndefined();
    expect(secondsToMs(undefined)).toBeUndefined();
    expect(secondsToMs(-1)).toBe(0);
  });
});

describe("retryAfterFromHeaders", () => {
  it("prefers Retry-After-Ms, then Retry-After, then X-RateLimit-Reset-After", () => {
    expect(retryAfterFromHeaders(new Headers({ "retry-after-ms": "120", "retry-after": "5" }))).toBe(120);
    expect(retryAfterFromHeaders(new Headers({ "retry-after": "5", "x-ratelimit-reset-after": "1.5" }))).toBe(5000);
    expect(retryAfterFromHeaders(new Headers({ "x-ratelimit-reset-after": "1.5" }))).toBe(1500);
  });

  it("falls back only when no header says anything", () => {
    expect(retryAfterFromHeaders(new Headers(), { fallbackMs: 1000 })).toBe(1000);
    expect(retryAfterFromHeaders(new Headers())).toBeUndefined();
    expect(retryAfterFromHeaders(new Headers({ "retry-after": "2" }), { fallbackMs: 1000 })).toBe(2000);
  });
});
