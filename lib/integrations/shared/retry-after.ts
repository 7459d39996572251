/**
 * Reading a vendor's "come back later" signal. Vendors say it in different ways: the standard
 * `Retry-After` header (delta-seconds or an HTTP date), `Retry-After-Ms`, or a reset-after
 * header in (fractional) seconds. Everything is returned in milliseconds, never negative.
 */

/** Upper bound for any wait a vendor asks for; a broken header must not park a step for days. */
export const MAX_RETRY_AFTER_MS = 15 * 60 * 1000;

function clamp(ms: number): number {
  return Math.min(Math.max(0, Math.ceil(ms)), MAX_RETRY_AFTER_MS);
}

/** Seconds (integer or fractional, as a number or a numeric string) to milliseconds; undefined when not a number. */
export function secondsToMs(seconds: unknown): number | undefined {
  const value = typeof seconds === "string" && seconds.trim() !== "" ? Number(seconds.trim()) : seconds;
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return clamp(value * 1000);
}

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3): delta-seconds, or an HTTP date measured
 * against `now`. Fractional seconds are accepted because some vendors send them.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return secondsToMs(trimmed);
  // An HTTP date always names its weekday and month; Date.parse alone would take "-5" for a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return clamp(at - now);
}

/**
 * The wait a response asks for, from its headers, in this order: `Retry-After-Ms`,
 * `Retry-After`, `X-RateLimit-Reset-After` (seconds). Undefined when none is present;
 * callers pass `fallbackMs` for vendors that document a window but send no header.
 */
export function retryAfterFromHeaders(headers: Headers, options: { now?: number; fallbackMs?: number } = {}): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return clamp(Number(ms.trim()));
  const standard = parseRetryAfter(headers.get("retry-after"), options.now);
  if (standard !== undefined) return standard;
  const resetAfter = secondsToMs(headers.get("x-ratelimit-reset-after"));
  if (resetAfter !== undefined) return resetAfter;
  return options.fallbackMs;
}
