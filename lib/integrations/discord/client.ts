import { z } from "zod";
import { NonRetryableError, ValidationError, type NodeError } from "@/lib/engine/errors";
import { errorForStatus, errorFromFetchFailure, readBody } from "@/lib/integrations/shared/http-errors";
import { retryAfterFromHeaders, secondsToMs } from "@/lib/integrations/shared/retry-after";
import { parseWebhookUrl, type WebhookAddress } from "./webhook-url";

/**
 * Discord webhook calls over the injected fetch (research/apis.md §7). There is no official
 * Discord SDK for Node; discord.js brings its own REST stack and cannot use ctx.fetch, so the
 * documented REST API is called directly. The webhook URL carries the token: it never appears
 * in an error or log, only the webhook id does.
 */

const VENDOR = "Discord";

const errorBody = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
  errors: z.unknown().optional(),
  retry_after: z.number().optional(),
  global: z.boolean().optional(),
});

export const discordMessageSchema = z.looseObject({
  id: z.string(),
  channel_id: z.string(),
  timestamp: z.string().optional(),
});
export type DiscordMessage = z.output<typeof discordMessageSchema>;

export const discordWebhookSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable().optional(),
  channel_id: z.string().nullable().optional(),
  guild_id: z.string().nullable().optional(),
});

interface ErrorLeaf {
  path: (string | number)[];
  message: string;
}

/** The first `_errors` leaf of Discord's nested error tree, with its field path. */
export function firstErrorLeaf(tree: unknown, path: (string | number)[] = []): ErrorLeaf | undefined {
  if (typeof tree !== "object" || tree === null) return undefined;
  const record = tree as Record<string, unknown>;
  const leaves = record._errors;
  if (Array.isArray(leaves) && leaves.length > 0) {
    const first = leaves[0] as { message?: unknown; code?: unknown };
    return { path, message: typeof first.message === "string" ? first.message : String(first.code) };
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === "_errors") continue;
    const found = firstErrorLeaf(value, [...path, /^\d+$/.test(key) ? Number(key) : key]);
    if (found) return found;
  }
  return undefined;
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

async function discordError(response: Response, hook: WebhookAddress): Promise<NodeError> {
  const raw = await readBody(response);
  const parsed = errorBody.safeParse(raw);
  const body = parsed.success ? parsed.data : {};
  const details = { webhookId: hook.id, ...(body.code !== undefined ? { discordCode: body.code } : {}) };
  if (response.status === 400) {
    const leaf = firstErrorLeaf(body.errors);
    const where = leaf ? `${formatPath(leaf.path)}: ${leaf.message}` : (body.message ?? "invalid request");
    return new ValidationError(`Discord rejected the message (${body.code ?? 400}): ${where}`, { path: leaf?.path ?? [], details });
  }
  // The body's retry_after is fractional seconds and more precise than the rounded Retry-After header.
  const retryAfterMs = response.status === 429 ? (secondsToMs(body.retry_after) ?? retryAfterFromHeaders(response.headers)) : undefined;
  const global = body.global === true || response.headers.get("x-ratelimit-global") === "true";
  return errorForStatus(response.status, {
    vendor: VENDOR,
    object: `webhook ${hook.id}`,
    vendorMessage: response.status === 429 && global ? "global rate limit" : body.message,
    vendorCode: body.code === undefined ? undefined : String(body.code),
    retryAfterMs,
    details: response.status === 429 ? { ...details, global, scope: response.headers.get("x-ratelimit-scope") ?? undefined } : details,
  });
}

function address(webhookUrl: string): WebhookAddress {
  const hook = parseWebhookUrl(webhookUrl);
  if (!hook) throw new ValidationError("The credential is not a Discord webhook URL", { path: ["webhookUrl"] });
  return hook;
}

async function call(fetchFn: typeof fetch, hook: WebhookAddress, url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal });
  } catch (err) {
    throw errorFromFetchFailure(err, { vendor: VENDOR, signal });
  }
  if (!response.ok) throw await discordError(response, hook);
  return response;
}

export interface ExecuteOptions {
  /** Ask Discord to answer with the created message (200) instead of 204. */
  wait: boolean;
  /** In a dry run the captured request gets a synthetic answer; its body is not a message. */
  dryRun?: boolean;
  threadId?: string;
  signal: AbortSignal;
}

/** `POST /webhooks/{id}/{token}`; the created message when `wait`, otherwise undefined. */
export async function executeWebhook(
  fetchFn: typeof fetch,
  webhookUrl: string,
  payload: Record<string, unknown>,
  options: ExecuteOptions,
): Promise<DiscordMessage | undefined> {
  const hook = address(webhookUrl);
  const url = new URL(hook.executeUrl);
  if (options.wait) url.searchParams.set("wait", "true");
  if (options.threadId) url.searchParams.set("thread_id", options.threadId);
  const response = await call(
    fetchFn,
    hook,
    url.href,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) },
    options.signal,
  );
  if (response.status === 204 || !options.wait) {
    await response.body?.cancel();
    return undefined;
  }
  const message = discordMessageSchema.safeParse(await readBody(response));
  if (!message.success && options.dryRun) return undefined;
  if (!message.success) throw new NonRetryableError("Discord answered with an unexpected message shape");
  return message.data;
}

/** `GET /webhooks/{id}/{token}`: the webhook's name and channel (a connection check that posts nothing). */
export async function getWebhook(
  fetchFn: typeof fetch,
  webhookUrl: string,
  signal: AbortSignal,
): Promise<z.output<typeof discordWebhookSchema>> {
  const hook = address(webhookUrl);
  const response = await call(fetchFn, hook, hook.executeUrl, { method: "GET" }, signal);
  const parsed = discordWebhookSchema.safeParse(await readBody(response));
  if (!parsed.success) throw new NonRetryableError("Discord answered with an unexpected webhook shape");
  return parsed.data;
}
