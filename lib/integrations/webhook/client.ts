import { NodeError } from "@/lib/engine/errors";
import { errorForStatus, errorFromFetchFailure } from "@/lib/integrations/shared/http-errors";
import { retryAfterFromHeaders } from "@/lib/integrations/shared/retry-after";
import type { CustomWebhookData } from "./auth";
import { fill, redactSecrets, renderBody, type MessageValues } from "./template";

/**
 * Sends one notification to a custom webhook: placeholders filled from the message and the
 * credential's secrets, then the request sent with the node's fetch. Whatever comes back
 * (answer body, error text) is stripped of the secrets before it reaches an output or an
 * error, because receivers often echo requests.
 */

const MAX_RESPONSE_CHARS = 10_000;

export interface WebhookIo {
  fetch: typeof fetch;
  signal: AbortSignal;
}

export interface WebhookResult {
  status: number;
  response: unknown;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the webhook";
  }
}

function parseAnswer(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > MAX_RESPONSE_CHARS ? `${text.slice(0, MAX_RESPONSE_CHARS)}…` : text;
  }
}

export async function sendCustomWebhook(io: WebhookIo, data: CustomWebhookData, message: MessageValues): Promise<WebhookResult> {
  const values = { message, secrets: data.secrets };
  const url = fill(data.url, values, ["url"]);
  const headers = new Headers();
  for (const [name, value] of Object.entries(data.headers)) headers.set(name, fill(value, values, ["headers", name]));
  const hasBody = data.method !== "GET" && data.method !== "DELETE";
  if (hasBody && !headers.has("content-type")) headers.set("content-type", "application/json");
  const vendor = `Webhook ${hostOf(redactSecrets(url, data.secrets))}`;
  const redact = (text: string): string => redactSecrets(text, data.secrets);

  let response: Response;
  try {
    response = await io.fetch(url, {
      method: data.method,
      headers,
      ...(hasBody ? { body: renderBody(data.bodyTemplate, values) } : {}),
      signal: io.signal,
    });
  } catch (err) {
    const mapped = errorFromFetchFailure(err, { vendor, signal: io.signal });
    const message = redact(mapped.message);
    // A secret in the URL can surface in a connection error; keep the verdict, drop the secret.
    throw message === mapped.message ? mapped : new NodeError(message, { category: mapped.category, retryable: mapped.retryable });
  }
  const text = redact(await response.text().catch(() => ""));
  if (!response.ok) throw failure(response, text, vendor);
  return { status: response.status, response: parseAnswer(text) };
}

function failure(response: Response, text: string, vendor: string): NodeError {
  return errorForStatus(response.status, {
    vendor,
    vendorMessage: text.slice(0, 300) || undefined,
    retryAfterMs: response.status === 429 || response.status === 503 ? retryAfterFromHeaders(response.headers) : undefined,
  });
}
