import { z } from "zod";
import { AuthError, NonRetryableError, ValidationError, type NodeError } from "@/lib/engine/errors";
import { errorForStatus, errorFromFetchFailure, readBody } from "@/lib/integrations/shared/http-errors";
import { MAX_RETRY_AFTER_MS, retryAfterFromHeaders } from "@/lib/integrations/shared/retry-after";
import type { SendgridData } from "./auth";

/**
 * SendGrid's v3 REST API over the node's fetch. The official `@sendgrid/mail` sends through
 * axios; it can be aimed at another base URL, but routing it through the node's fetch needs
 * axios's fetch adapter with a per-call `env.fetch`, which axios caches per function forever
 * (a leak in a long-running server). See docs/decisions/0551-sendgrid-rest-over-sdk.md.
 */

export const SENDGRID_API_URL = "https://api.sendgrid.com";
const VENDOR = "SendGrid";

export interface SendgridIo {
  fetch: typeof fetch;
  signal: AbortSignal;
  /** Wall-clock time, to read SendGrid's epoch reset header (never a virtual clock). */
  now?: () => number;
}

const errorsBody = z.object({
  errors: z
    .array(z.object({ message: z.string().optional(), field: z.string().nullable().optional(), help: z.unknown().optional() }))
    .optional(),
});
const scopesBody = z.object({ scopes: z.array(z.string()) });

function endpoint(data: SendgridData, path: string): string {
  return `${(data.baseUrl || SENDGRID_API_URL).replace(/\/+$/, "")}${path}`;
}

/** The wait of a 429: Retry-After if sent, else X-RateLimit-Reset (epoch seconds) minus now. */
export function sendgridRetryAfterMs(headers: Headers, now: number): number | undefined {
  const standard = retryAfterFromHeaders(headers, { now });
  if (standard !== undefined) return standard;
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(reset * 1000 - now)));
}

async function sendgridError(response: Response, now: number, object?: string): Promise<NodeError> {
  const parsed = errorsBody.safeParse(await readBody(response));
  const first = parsed.success ? parsed.data.errors?.[0] : undefined;
  const messages = parsed.success ? (parsed.data.errors ?? []).map((e) => e.message).filter(Boolean) : [];
  const message = messages.length > 0 ? messages.join("; ") : undefined;
  if (response.status === 400 || response.status === 413) {
    const path = first?.field ? first.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [];
    return new ValidationError(`SendGrid rejected the email (${response.status})${message ? `: ${message}` : ""}`, {
      path,
      details: { vendor: VENDOR, status: response.status, ...(first?.field ? { field: first.field } : {}) },
    });
  }
  return errorForStatus(response.status, {
    vendor: VENDOR,
    object,
    vendorMessage: message,
    retryAfterMs: response.status === 429 ? sendgridRetryAfterMs(response.headers, now) : undefined,
  });
}

async function call(io: SendgridIo, data: SendgridData, path: string, init: RequestInit, object?: string): Promise<Response> {
  let response: Response;
  try {
    response = await io.fetch(endpoint(data, path), {
      ...init,
      headers: { authorization: `Bearer ${data.apiKey}`, accept: "application/json", ...init.headers },
      signal: io.signal,
    });
  } catch (err) {
    throw errorFromFetchFailure(err, { vendor: VENDOR, signal: io.signal });
  }
  if (!response.ok) throw await sendgridError(response, (io.now ?? Date.now)(), object);
  return response;
}

/** `POST /v3/mail/send`: 202 Accepted with an empty body; the message id is in `X-Message-Id`. */
export async function mailSend(
  io: SendgridIo,
  data: SendgridData,
  payload: Record<string, unknown>,
): Promise<{ status: number; messageId?: string }> {
  const response = await call(io, data, "/v3/mail/send", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  await response.body?.cancel();
  return { status: response.status, messageId: response.headers.get("x-message-id") ?? undefined };
}

/** `GET /v3/scopes`: the key's permissions; throws AuthError unless it may send mail. */
export async function checkScopes(io: SendgridIo, data: SendgridData): Promise<string[]> {
  const response = await call(io, data, "/v3/scopes", { method: "GET" });
  const parsed = scopesBody.safeParse(await readBody(response));
  if (!parsed.success) throw new NonRetryableError("SendGrid answered /v3/scopes with an unexpected shape");
  if (!parsed.data.scopes.includes("mail.send")) throw new AuthError("The SendGrid API key lacks the Mail Send permission (mail.send)");
  return parsed.data.scopes;
}
