import {
  AuthError,
  CancelledError,
  NetworkError,
  NodeError,
  NonRetryableError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  ValidationError,
} from "@/lib/engine/errors";
import { retryAfterFromHeaders } from "./retry-after";

/**
 * One mapping from a vendor's HTTP answer to the engine's typed errors, so every integration
 * retries (or refuses to) the same way: 401/403 → AuthError (never retried), 404 →
 * NotFoundError naming the object, 429 → RateLimitedError carrying the vendor's wait,
 * 5xx → ServerError (retried), a failed connection → NetworkError (retried).
 */

export interface HttpErrorContext {
  /** Vendor name shown to the user, e.g. "Notion". */
  vendor: string;
  /** What the request was about, named in a 404: e.g. `database "1a2b…"`. */
  object?: string;
  /** The vendor's own error text and code, when its body carried them. */
  vendorMessage?: string;
  vendorCode?: string;
  /** Minimum wait the vendor asked for (see retry-after.ts). */
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

/** Vendor messages are user-facing; keep them short so an echoed payload cannot flood a run record. */
const MAX_VENDOR_MESSAGE = 500;

function suffix(context: HttpErrorContext): string {
  const parts = [context.vendorCode, context.vendorMessage?.slice(0, MAX_VENDOR_MESSAGE)].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(" — ")}` : "";
}

/** The typed error for a non-2xx status. */
export function errorForStatus(status: number, context: HttpErrorContext): NodeError {
  const details = { ...context.details, vendor: context.vendor, status, ...(context.vendorCode ? { vendorCode: context.vendorCode } : {}) };
  const tail = suffix(context);
  if (status === 401) {
    return new AuthError(`${context.vendor} rejected the credential (401)${tail}`, { details });
  }
  if (status === 403) {
    return new AuthError(`${context.vendor} refused access with this credential (403)${tail}`, { details });
  }
  if (status === 404) {
    const what = context.object ?? "the requested object";
    return new NotFoundError(`${context.vendor}: ${what} was not found, or the credential cannot see it (404)${tail}`, {
      details: context.object ? { ...details, object: context.object } : details,
    });
  }
  if (status === 429) {
    const wait = context.retryAfterMs === undefined ? "" : ` (retry after ${context.retryAfterMs} ms)`;
    return new RateLimitedError(`${context.vendor} rate limit exceeded${wait}${tail}`, { retryAfterMs: context.retryAfterMs, details });
  }
  // An overloaded server that says when to come back is a rate signal, not a plain outage.
  if ((status === 503 || status === 529) && context.retryAfterMs !== undefined) {
    return new RateLimitedError(`${context.vendor} is overloaded (${status}), retry after ${context.retryAfterMs} ms${tail}`, {
      retryAfterMs: context.retryAfterMs,
      details,
    });
  }
  if (status >= 500) {
    return new ServerError(`${context.vendor} server error (${status})${tail}`, { status, details });
  }
  if (status === 408) {
    return new ServerError(`${context.vendor} timed out waiting for the request (408)${tail}`, { status, details });
  }
  if (status === 400 || status === 413 || status === 422) {
    return new ValidationError(`${context.vendor} rejected the request (${status})${tail}`, { details });
  }
  return new NonRetryableError(`${context.vendor} answered ${status}${tail}`, { details });
}

export interface VendorErrorBody {
  message?: string;
  code?: string;
}

/** Best-effort reading of the usual error envelopes: `{message, code}`, `{error}`, `{error: {message}}`, `{errors: [{message}]}`. */
export function readVendorError(body: unknown): VendorErrorBody {
  if (typeof body === "string") return body.trim() === "" ? {} : { message: body.trim() };
  if (typeof body !== "object" || body === null) return {};
  const record = body as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
  const nested = typeof record.error === "object" && record.error !== null ? (record.error as Record<string, unknown>) : undefined;
  const first =
    Array.isArray(record.errors) && typeof record.errors[0] === "object" ? (record.errors[0] as Record<string, unknown>) : undefined;
  const message =
    str(record.message) ?? str(nested?.message) ?? str(first?.message) ?? (typeof record.error === "string" ? record.error : undefined);
  const code =
    str(record.code) ?? str(nested?.code) ?? (typeof record.error === "string" && record.error !== message ? record.error : undefined);
  return { ...(message ? { message } : {}), ...(code ? { code } : {}) };
}

/** Reads a body as JSON when it is JSON, as text otherwise; never throws. */
export async function readBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The typed error for a non-2xx Response: reads its body for the vendor's message and its
 * headers for the retry-after signal. `fallbackRetryAfterMs` serves vendors that rate-limit
 * without sending a wait (e.g. a documented per-second window).
 */
export async function errorFromResponse(
  response: Response,
  context: Omit<HttpErrorContext, "vendorMessage" | "vendorCode" | "retryAfterMs"> & {
    now?: number;
    fallbackRetryAfterMs?: number;
    /** Vendor-specific body reading; defaults to readVendorError. */
    parseError?: (body: unknown) => VendorErrorBody;
  },
): Promise<NodeError> {
  const body = await readBody(response);
  const parsed = (context.parseError ?? readVendorError)(body);
  const limited = response.status === 429 || response.status === 503 || response.status === 529;
  const retryAfterMs = retryAfterFromHeaders(response.headers, {
    now: context.now,
    fallbackMs: response.status === 429 ? context.fallbackRetryAfterMs : undefined,
  });
  return errorForStatus(response.status, {
    vendor: context.vendor,
    object: context.object,
    details: context.details,
    vendorMessage: parsed.message,
    vendorCode: parsed.code,
    retryAfterMs: limited ? retryAfterMs : undefined,
  });
}

/**
 * The typed error for a fetch that threw (no response). Typed errors pass through unchanged
 * (the SSRF guard and dry-run capture throw their own); an abort surfaces the signal's reason
 * so the engine can tell a cancel from a timeout; anything else is a retryable NetworkError.
 */
export function errorFromFetchFailure(err: unknown, context: { vendor: string; signal?: AbortSignal }): NodeError {
  if (err instanceof NodeError) return err;
  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    if (reason instanceof NodeError) return reason;
    return new CancelledError(`${context.vendor} request aborted`);
  }
  if (err instanceof Error && err.name === "AbortError") return new CancelledError(`${context.vendor} request aborted`);
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const reason = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new NetworkError(`Could not reach ${context.vendor}: ${reason}`, { cause: err, details: { vendor: context.vendor } });
}
