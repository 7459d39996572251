/**
 * Typed errors thrown by node handlers. The class, not the message, decides retryability:
 * the retry verdict reads `category` and `retryable`.
 */

export const ERROR_CATEGORIES = [
  "rate_limited",
  "network",
  "server_error",
  "timeout",
  "auth",
  "validation",
  "not_found",
  "non_retryable",
  "cancelled",
  "circuit_open",
  "unknown",
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export class NodeError extends Error {
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(message: string, opts: { category: ErrorCategory; retryable: boolean; details?: Record<string, unknown>; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.category = opts.category;
    this.retryable = opts.retryable;
    this.details = opts.details;
  }
}

/** The server asked us to slow down; `retryAfterMs` is its minimum wait (Retry-After or a vendor header). */
export class RateLimitedError extends NodeError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, opts: { retryAfterMs?: number; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "rate_limited", retryable: true, details: opts.details, cause: opts.cause });
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Bad or expired credentials (401/403). Never retried: retrying cannot fix a wrong secret. */
export class AuthError extends NodeError {
  constructor(message: string, opts: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "auth", retryable: false, ...opts });
  }
}

/** The request or config is invalid; `path` names the field when known. Never retried. */
export class ValidationError extends NodeError {
  readonly path: readonly (string | number)[];
  constructor(message: string, opts: { path?: readonly (string | number)[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "validation", retryable: false, details: opts.details, cause: opts.cause });
    this.path = opts.path ?? [];
  }
}

/** The named object does not exist (404). Not retried. */
export class NotFoundError extends NodeError {
  constructor(message: string, opts: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "not_found", retryable: false, ...opts });
  }
}

/** A failure the node knows retrying cannot fix. */
export class NonRetryableError extends NodeError {
  constructor(message: string, opts: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "non_retryable", retryable: false, ...opts });
  }
}

/** The step (or flow) ran past its timeout and its signal was aborted. */
export class TimeoutError extends NodeError {
  constructor(message: string, opts: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "timeout", retryable: true, ...opts });
  }
}

/** 5xx answers from a vendor: retryable. */
export class ServerError extends NodeError {
  readonly status: number;
  constructor(message: string, opts: { status: number; details?: Record<string, unknown>; cause?: unknown }) {
    super(message, { category: "server_error", retryable: true, details: opts.details, cause: opts.cause });
    this.status = opts.status;
  }
}

/** Connection refused, reset, DNS failure: retryable. */
export class NetworkError extends NodeError {
  constructor(message: string, opts: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { category: "network", retryable: true, ...opts });
  }
}

/** The circuit breaker of the step's credential is open: fail fast, no call made. */
export class CircuitOpenError extends NodeError {
  constructor(message: string, opts: { details?: Record<string, unknown> } = {}) {
    super(message, { category: "circuit_open", retryable: false, ...opts });
  }
}

/** The run or step was cancelled. */
export class CancelledError extends NodeError {
  constructor(message = "Cancelled") {
    super(message, { category: "cancelled", retryable: false });
  }
}

/** Normalises anything thrown into a NodeError (unknown errors are retryable, like Prefect's default). */
export function toNodeError(err: unknown): NodeError {
  if (err instanceof NodeError) return err;
  if (err instanceof Error) {
    if (err.name === "AbortError") return new CancelledError(err.message);
    return new NodeError(err.message, { category: "unknown", retryable: true, cause: err });
  }
  return new NodeError(String(err), { category: "unknown", retryable: true });
}
