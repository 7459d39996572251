import { ValidationError, type NodeError } from "@/lib/engine/errors";
import { errorFromFetchFailure } from "@/lib/integrations/shared/http-errors";
import { retryAfterFromHeaders } from "@/lib/integrations/shared/retry-after";
import type { SlackWebhookData } from "./auth";
import { slackError } from "./errors";
import { sdkTransport, type SdkTransport } from "./transport";

/**
 * Incoming webhooks through the official `@slack/webhook` (it takes a `fetch` since v8). Slack
 * answers 200 `ok` or an HTTP status with a plain-text error string (research/apis.md §8).
 * The URL is the secret: errors name the Slack error string, never the URL.
 */

const VENDOR = "Slack";
/** Incoming webhooks take one message per second; a 429 without Retry-After waits that long. */
const WEBHOOK_WINDOW_MS = 1000;

interface WebhookErrorShape {
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  original?: unknown;
}

function fromWebhookError(err: unknown, transport: SdkTransport, signal: AbortSignal): NodeError {
  const e = (typeof err === "object" && err !== null ? err : {}) as WebhookErrorShape;
  if (e.code === "slack_webhook_http_error") {
    const status = typeof e.statusCode === "number" ? e.statusCode : 500;
    const text = typeof e.body === "string" && e.body.trim() !== "" ? e.body.trim().slice(0, 200) : `http_${status}`;
    const headers = transport.last()?.headers ?? new Headers();
    const retryAfterMs = status === 429 ? retryAfterFromHeaders(headers, { fallbackMs: WEBHOOK_WINDOW_MS }) : undefined;
    return slackError(text, { status, retryAfterMs });
  }
  if (e.code === "slack_webhook_request_error") return errorFromFetchFailure(e.original, { vendor: VENDOR, signal });
  return errorFromFetchFailure(err, { vendor: VENDOR, signal });
}

export interface WebhookMessage {
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

async function send(
  io: { fetch: typeof fetch; signal: AbortSignal },
  data: SlackWebhookData,
  message: WebhookMessage | Record<string, never>,
): Promise<string> {
  const { IncomingWebhook } = await import("@slack/webhook");
  const transport = sdkTransport(io.fetch, io.signal);
  const webhook = new IncomingWebhook(data.webhookUrl, { fetch: transport.fetch, retryConfig: { retries: 0 } });
  try {
    const result = await webhook.send(message as Parameters<typeof webhook.send>[0]);
    return result.text ?? "";
  } catch (err) {
    throw fromWebhookError(err, transport, io.signal);
  }
}

/** Posts a message; resolves with Slack's answer text (`ok`). */
export function sendIncomingWebhook(
  io: { fetch: typeof fetch; signal: AbortSignal },
  data: SlackWebhookData,
  message: WebhookMessage,
): Promise<string> {
  return send(io, data, message);
}

/**
 * Connection check that posts nothing: an empty payload is refused with 400 (`invalid_payload`
 * / `no_text`) by a live webhook, while a revoked or wrong one answers 403/404.
 */
export async function testIncomingWebhook(io: { fetch: typeof fetch; signal: AbortSignal }, data: SlackWebhookData): Promise<void> {
  try {
    await send(io, data, {});
  } catch (err) {
    if (err instanceof ValidationError) return;
    throw err;
  }
}
