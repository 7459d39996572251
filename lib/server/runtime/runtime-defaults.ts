/**
 * The embedded runtime's limits. Fixed here until the configuration carries them (see
 * docs/runtime.md for what each one does).
 */
export const RUNTIME_DEFAULTS = {
  /** Runs executing at once in one process. */
  globalConcurrency: 10,
  /** How often an executing run writes its heartbeat. */
  heartbeatMs: 5_000,
  /** A run whose heartbeat is older than this is resumed by the next process that looks. */
  staleAfterMs: 30_000,
  /** Time running steps get to finish on SIGTERM before the process leaves them resumable. */
  shutdownGraceMs: 25_000,
  /** Runs of a flow with the same idempotency key inside this window are one run. */
  idempotencyWindowMs: 24 * 60 * 60 * 1000,
} as const;
