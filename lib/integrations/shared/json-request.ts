import type { z } from "zod";
import { errorFromFetchFailure, errorFromResponse, readBody, type VendorErrorBody } from "./http-errors";
import { parseVendorResponse } from "./vendor-response";

/**
 * One JSON call to a vendor REST API through the step's fetch (so dry runs capture it and the
 * network guard applies), with the answer mapped to typed errors and parsed with zod.
 */
export interface JsonRequest<S extends z.ZodType> {
  fetch: typeof fetch;
  signal: AbortSignal;
  vendor: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON when present. */
  body?: unknown;
  /** Named in a 404, e.g. `contact "ada@example.com"`. */
  object?: string;
  /** What the answer is, for messages about an unreadable one, e.g. "the contact lookup". */
  what: string;
  schema: S;
  /** Wait to assume when the vendor answers 429 without saying how long. */
  fallbackRetryAfterMs?: number;
  parseError?: (body: unknown) => VendorErrorBody;
  now?: number;
}

export async function requestJson<S extends z.ZodType>(request: JsonRequest<S>): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (err) {
    throw errorFromFetchFailure(err, { vendor: request.vendor, signal: request.signal });
  }
  if (!response.ok) {
    throw await errorFromResponse(response, {
      vendor: request.vendor,
      object: request.object,
      fallbackRetryAfterMs: request.fallbackRetryAfterMs,
      parseError: request.parseError,
      now: request.now,
    });
  }
  const body = await readBody(response);
  return parseVendorResponse(request.schema, body, { vendor: request.vendor, what: request.what });
}
