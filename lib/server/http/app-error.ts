/**
 * The errors the HTTP API answers with (SPEC §9). Services throw them; the route wrapper
 * turns them into `{ error: { code, message, details } }` with their status.
 */

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) => new AppError("bad_request", message, { details });

export const unauthorized = (message = "Sign in, or send an API token as `Authorization: Bearer syd_…`.") =>
  new AppError("unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm="switchyard"' } });

export const forbidden = (message: string, details?: Record<string, unknown>) => new AppError("forbidden", message, { details });

/** Also answers non-members, so that ids of other workspaces reveal nothing. */
export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

export const conflict = (message: string, details?: Record<string, unknown>) => new AppError("conflict", message, { details });

export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError("rate_limited", message, {
    details: { retryAfterSeconds },
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
