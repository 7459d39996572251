import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { NonRetryableError, RateLimitedError, type NodeError } from "@/lib/engine/errors";
import type { Logger } from "@/lib/engine/node-definition";
import { errorForStatus, errorFromFetchFailure } from "@/lib/integrations/shared/http-errors";
import { parseRetryAfter } from "@/lib/integrations/shared/retry-after";
import type { SlackBotData } from "./auth";
import { slackError } from "./errors";
import { sdkLogger, sdkTransport, type SdkTransport } from "./transport";

/**
 * Slack's Web API through the official `@slack/web-api` WebClient. Since v8 it takes a `fetch`
 * and a `slackApiUrl`, so every call goes through the node's fetch (dry runs, SSRF guard) and
 * can be pointed at a fake. Its own retries are off and rate-limited calls are rejected at
 * once: the engine retries, honouring Retry-After, and records every attempt.
 */

export const SLACK_API_URL = "https://slack.com/api/";
const VENDOR = "Slack";

export interface SlackIo {
  fetch: typeof fetch;
  signal: AbortSignal;
  log?: Logger;
}

export const postMessageResult = z.looseObject({
  ok: z.literal(true),
  channel: z.string(),
  ts: z.string(),
  message: z.looseObject({ text: z.string().optional(), thread_ts: z.string().optional() }).optional(),
});

const authTestResult = z.looseObject({
  ok: z.literal(true),
  team: z.string().optional(),
  user: z.string().optional(),
  team_id: z.string().optional(),
  bot_id: z.string().optional(),
});

interface SdkErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  headers?: Record<string, string>;
  original?: unknown;
}

/** The SDK's errors (distinguished by their `code`, as the SDK recommends for dynamic imports) to typed errors. */
export function fromWebApiError(err: unknown, transport: SdkTransport, signal: AbortSignal, object?: string): NodeError {
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorShape;
  switch (e.code) {
    case "slack_webapi_platform_error":
      return slackError(typeof e.data?.error === "string" ? e.data.error : "unknown_error", { object });
    case "slack_webapi_rate_limited_error": {
      const seconds = typeof e.retryAfter === "number" ? e.retryAfter : undefined;
      return slackError("ratelimited", { status: 429, retryAfterMs: seconds === undefined ? undefined : seconds * 1000 });
    }
    case "slack_webapi_http_error": {
      const status = typeof e.statusCode === "number" ? e.statusCode : 500;
      return errorForStatus(status, { vendor: VENDOR, object, retryAfterMs: parseRetryAfter(e.headers?.["retry-after"]) });
    }
    case "slack_webapi_request_error":
      return errorFromFetchFailure(e.original, { vendor: VENDOR, signal });
  }
  // A 429 without a readable Retry-After makes the SDK throw a plain Error.
  if (transport.last()?.status === 429) return new RateLimitedError("Slack rate limit exceeded (no Retry-After given)");
  return errorFromFetchFailure(err, { vendor: VENDOR, signal });
}

async function withClient<T>(
  io: SlackIo,
  data: SlackBotData,
  object: string | undefined,
  call: (client: WebClient) => Promise<unknown>,
  schema: z.ZodType<T>,
): Promise<T> {
  const { WebClient: Client } = await import("@slack/web-api");
  const transport = sdkTransport(io.fetch, io.signal);
  const client = new Client(data.token, {
    slackApiUrl: data.baseUrl || SLACK_API_URL,
    fetch: transport.fetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: sdkLogger(io.log),
    // An absolute URL passed as a method name would send the token elsewhere.
    allowAbsoluteUrls: false,
  });
  let result: unknown;
  try {
    result = await call(client);
  } catch (err) {
    throw fromWebApiError(err, transport, io.signal, object);
  }
  const parsed = schema.safeParse(result);
  if (!parsed.success)
    throw new NonRetryableError("Slack answered with an unexpected shape", { details: { issues: parsed.error.issues.slice(0, 3) } });
  return parsed.data;
}

export interface PostMessageArgs {
  channel: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  username?: string;
  icon_emoji?: string;
  icon_url?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  mrkdwn?: boolean;
}

/** `chat.postMessage`. */
export function postMessage(io: SlackIo, data: SlackBotData, args: PostMessageArgs): Promise<z.output<typeof postMessageResult>> {
  return withClient(
    io,
    data,
    `channel "${args.channel}"`,
    (client) => client.chat.postMessage(args as Parameters<typeof client.chat.postMessage>[0]),
    postMessageResult,
  );
}

/** `auth.test`: who the token is, without posting anything. */
export function testBotToken(
  io: { fetch: typeof fetch; signal: AbortSignal },
  data: SlackBotData,
): Promise<z.output<typeof authTestResult>> {
  return withClient(io, data, undefined, (client) => client.auth.test(), authTestResult);
}
