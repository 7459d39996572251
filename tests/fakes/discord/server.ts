import { randomInt } from "node:crypto";
import { FakeServer, portFromArgs, type FakeReply, type RecordedRequest } from "../fake-server";
import { discordErrorTree, schemaValidator } from "./spec";

/**
 * A loopback Discord that follows the published contract of webhook execution
 * (research/apis.md §7, specs/discord/openapi.json): `POST /api/v10/webhooks/{id}/{token}`
 * with a JSON body validated against the spec's `IncomingWebhookRequestPartial`, Discord's
 * error shapes (`{code, message, errors}`), the rate-limit headers on every answer and its
 * 429 body (`retry_after` in seconds, `global`). Unversioned `/api/webhooks/…` (the URL Discord
 * shows users) is served the same way.
 */

export interface FakeWebhook {
  id: string;
  token: string;
  name: string;
  channelId: string;
  guildId: string;
}

export interface PostedMessage {
  webhookId: string;
  body: Record<string, unknown>;
  threadId?: string;
  id: string;
}

const BUCKET_LIMIT = 5;
const EMBED_TOTAL_LIMIT = 6000;

function snowflake(): string {
  return `${Date.now() - 1420070400000}${String(randomInt(100000, 999999))}`.slice(0, 19);
}

function rateHeaders(remaining: number, resetAfter = 1): Record<string, string> {
  return {
    "x-ratelimit-limit": String(BUCKET_LIMIT),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": (Date.now() / 1000 + resetAfter).toFixed(3),
    "x-ratelimit-reset-after": resetAfter.toFixed(3),
    "x-ratelimit-bucket": "fake-webhook-bucket",
  };
}

function error(status: number, code: number, message: string, errors?: unknown): FakeReply {
  return { status, headers: rateHeaders(BUCKET_LIMIT - 1), body: errors === undefined ? { code, message } : { code, message, errors } };
}

function text(value: unknown): number {
  return typeof value === "string" ? value.length : 0;
}

/** Characters Discord counts towards the 6000 total: titles, descriptions, field names and values, footers, authors. */
export function embedCharacters(embeds: unknown): number {
  if (!Array.isArray(embeds)) return 0;
  let total = 0;
  for (const embed of embeds as Record<string, unknown>[]) {
    total += text(embed.title) + text(embed.description);
    total += text((embed.footer as Record<string, unknown> | null | undefined)?.text);
    total += text((embed.author as Record<string, unknown> | null | undefined)?.name);
    for (const field of (Array.isArray(embed.fields) ? embed.fields : []) as Record<string, unknown>[])
      total += text(field.name) + text(field.value);
  }
  return total;
}

export class DiscordFake extends FakeServer {
  readonly webhooks = new Map<string, FakeWebhook>();
  readonly messages: PostedMessage[] = [];

  constructor() {
    super({ notFound: () => error(404, 0, "404: Not Found") });
    for (const prefix of ["/api/v10", "/api"]) {
      this.route("GET", `${prefix}/webhooks/:id/:token`, (req, p) => this.getWebhook(p));
      this.route("POST", `${prefix}/webhooks/:id/:token`, (req, p) => this.execute(req, p));
    }
  }

  /** Registers a webhook; its URL is `${fake.url}/api/webhooks/{id}/{token}`. */
  addWebhook(partial: Partial<FakeWebhook> = {}): FakeWebhook {
    const hook: FakeWebhook = {
      id: partial.id ?? snowflake(),
      token: partial.token ?? `tok-${snowflake()}`,
      name: partial.name ?? "Switchyard alerts",
      channelId: partial.channelId ?? snowflake(),
      guildId: partial.guildId ?? snowflake(),
    };
    this.webhooks.set(hook.id, hook);
    return hook;
  }

  webhookUrl(hook: FakeWebhook): string {
    return `${this.url}/api/webhooks/${hook.id}/${hook.token}`;
  }

  /** The next `count` calls get Discord's 429 (`retry_after` seconds, optionally the global limit). */
  rateLimitNext(count: number, options: { retryAfter?: number; global?: boolean } = {}): this {
    const retryAfter = options.retryAfter ?? 0.25;
    return this.failNext(count, {
      status: 429,
      headers: {
        ...rateHeaders(0, retryAfter),
        "retry-after": String(Math.ceil(retryAfter)),
        "x-ratelimit-scope": options.global ? "global" : "user",
        ...(options.global ? { "x-ratelimit-global": "true" } : {}),
      },
      body: { message: "You are being rate limited.", retry_after: retryAfter, global: options.global ?? false },
    });
  }

  override reset(): void {
    super.reset();
    this.messages.length = 0;
  }

  private authenticate(params: Record<string, string>): FakeWebhook | FakeReply {
    const hook = this.webhooks.get(params.id ?? "");
    if (!hook) return error(404, 10015, "Unknown Webhook");
    if (hook.token !== params.token) return error(401, 50027, "Invalid Webhook Token");
    return hook;
  }

  private getWebhook(params: Record<string, string>): FakeReply {
    const hook = this.authenticate(params);
    if ("status" in hook) return hook;
    return {
      status: 200,
      headers: rateHeaders(BUCKET_LIMIT - 1),
      body: {
        application_id: null,
        avatar: null,
        channel_id: hook.channelId,
        guild_id: hook.guildId,
        id: hook.id,
        name: hook.name,
        type: 1,
        token: hook.token,
        url: `${this.url}/api/webhooks/${hook.id}/${hook.token}`,
      },
    };
  }

  private execute(req: RecordedRequest, params: Record<string, string>): FakeReply {
    const hook = this.authenticate(params);
    if ("status" in hook) return hook;
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("application/json")) return error(400, 50109, "The request body contains invalid JSON.");
    if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) {
      return error(400, 50109, "The request body contains invalid JSON.");
    }
    const body = req.body as Record<string, unknown>;
    const validate = schemaValidator("IncomingWebhookRequestPartial");
    if (!validate(body)) return error(400, 50035, "Invalid Form Body", discordErrorTree(validate.errors ?? []));
    const total = embedCharacters(body.embeds);
    if (total > EMBED_TOTAL_LIMIT) {
      return error(400, 50035, "Invalid Form Body", {
        embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED", message: `Embed size exceeds maximum size of ${EMBED_TOTAL_LIMIT}` }] },
      });
    }
    const hasContent = typeof body.content === "string" && body.content.trim() !== "";
    const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
    const hasOther = ["components", "attachments", "poll"].some((key) => body[key] !== undefined && body[key] !== null);
    if (!hasContent && !hasEmbeds && !hasOther) return error(400, 50006, "Cannot send an empty message");

    const message: PostedMessage = {
      webhookId: hook.id,
      body,
      id: snowflake(),
      ...(req.query.thread_id ? { threadId: req.query.thread_id } : {}),
    };
    this.messages.push(message);
    if (req.query.wait !== "true") return { status: 204, headers: rateHeaders(BUCKET_LIMIT - 1) };
    return {
      status: 200,
      headers: rateHeaders(BUCKET_LIMIT - 1),
      body: {
        id: message.id,
        type: 0,
        content: body.content ?? "",
        channel_id: req.query.thread_id ?? hook.channelId,
        author: { id: hook.id, username: body.username ?? hook.name, avatar: null, discriminator: "0000", bot: true },
        attachments: [],
        embeds: body.embeds ?? [],
        mentions: [],
        mention_roles: [],
        pinned: false,
        mention_everyone: false,
        tts: body.tts ?? false,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        flags: 0,
        components: [],
        webhook_id: hook.id,
      },
    };
  }
}

export async function startDiscordFake(port = 0): Promise<DiscordFake> {
  return new DiscordFake().start(port);
}

// Standalone sandbox: `tsx tests/fakes/discord/server.ts --port 4020`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const fake = await startDiscordFake(portFromArgs(process.argv, 4020));
  const hook = fake.addWebhook({ id: "100000000000000001", token: "sandbox-token", name: "Sandbox" });
  process.stdout.write(`Discord fake on ${fake.url}\nwebhook URL: ${fake.webhookUrl(hook)}\n`);
}
