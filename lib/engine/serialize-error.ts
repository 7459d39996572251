import { NodeError, toNodeError } from "./errors";
import type { SerializedError } from "./run-store";

/** The stored form of an error: name, message, category and details (never a stack). */
export function serializeError(err: unknown): SerializedError {
  const e = err instanceof NodeError ? err : toNodeError(err);
  const out: SerializedError = { name: e.name, message: e.message, category: e.category };
  const details: Record<string, unknown> = { ...(e.details ?? {}) };
  const withPath = e as { path?: readonly (string | number)[] };
  if (Array.isArray(withPath.path) && withPath.path.length > 0) details.path = withPath.path;
  const withRetry = e as { retryAfterMs?: number };
  if (typeof withRetry.retryAfterMs === "number") details.retryAfterMs = withRetry.retryAfterMs;
  const withStatus = e as { status?: number };
  if (typeof withStatus.status === "number") details.status = withStatus.status;
  if (Object.keys(details).length > 0) out.details = details;
  return out;
}

export const errorSummary = (e: SerializedError): { message: string; category: string } => ({ message: e.message, category: e.category });
