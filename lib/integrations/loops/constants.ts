/** Loops API facts the nodes and their checks rely on (loops.so/docs/api-reference). */

export const LOOPS_API_URL = "https://app.loops.so/api";

/** Documented baseline per team; the official SDK assumes it when the rate headers are absent. */
export const LOOPS_REQUESTS_PER_SECOND = 10;

export const LOOPS_LIMITS = {
  /** Characters in a contact or event property value ("Some body key or value is longer than allowable"). */
  stringValue: 500,
  /** Characters in an Idempotency-Key header. */
  idempotencyKey: 100,
  /** Bytes in a transactional email request body. */
  transactionalBodyBytes: 4 * 1024 * 1024,
} as const;

/** Loops answers 429 without a wait; its limit is per second, so one second is enough. */
export const LOOPS_RATE_LIMIT_WAIT_MS = 1000;
