import { FakeServer, portFromArgs, type FakeReply, type RecordedRequest } from "../fake-server";

/**
 * A loopback Slack following research/apis.md §8:
 * - Web API `POST /api/auth.test` and `/api/chat.postMessage`: JSON (`application/json`, token
 *   in `Authorization: Bearer`) or form bodies (token in the header or a `token` field; `blocks`
 *   as URL-encoded JSON). Errors are HTTP 200 `{ ok: false, error }`; rate limits HTTP 429 with
 *   `Retry-After` seconds.
 * - Incoming webhooks `POST /services/{team}/{bot}/{secret}`: `200 ok` as plain text, errors as
 *   an HTTP status with a plain-text error string.
 */

export interface FakeChannel {
  id: string;
  name: string;
  archived?: boolean;
  /** Whether the app was invited (chat.postMessage needs it). */
  member?: boolean;
}

export interface FakeToken {
  token: string;
  team: string;
  teamId: string;
  user: string;
  userId: string;
  botId: string;
  revoked?: boolean;
  scopes: string[];
}

export interface FakeIncomingWebhook {
  path: string;
  channel: string;
  disabled?: boolean;
}

export interface SlackPost {
  via: "api" | "webhook";
  channel: string;
  text?: string;
  blocks?: unknown;
  threadTs?: string;
  ts: string;
  raw: Record<string, unknown>;
}

const MAX_TEXT = 40_000;
const MAX_BLOCKS = 50;

function api(body: Record<string, unknown>, headers: Record<string, string> = {}): FakeReply {
  return { status: 200, headers, body };
}

function plain(status: number, text: string, headers: Record<string, string> = {}): FakeReply {
  return { status, headers, body: text };
}

/** Form fields: values of `blocks`/`attachments` arrive as JSON strings and are decoded like Slack does. */
function formBody(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if ((key === "blocks" || key === "attachments" || key === "metadata") && value.trim().startsWith("[")) {
      try {
        out[key] = JSON.parse(value) as unknown;
        continue;
      } catch {
        out[key] = value;
        continue;
      }
    }
    out[key] = value === "true" ? true : value === "false" ? false : value;
  }
  return out;
}

export class SlackFake extends FakeServer {
  readonly tokens = new Map<string, FakeToken>();
  readonly channels = new Map<string, FakeChannel>();
  readonly incomingWebhooks = new Map<string, FakeIncomingWebhook>();
  readonly posts: SlackPost[] = [];
  private clock = 1_700_000_000;

  constructor() {
    super();
    this.route("POST", "/api/auth.test", (req) => this.authTest(req));
    this.route("POST", "/api/chat.postMessage", (req) => this.postMessage(req));
    this.route("POST", "/services/:team/:bot/:secret", (req) => this.incoming(req));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  addToken(partial: Partial<FakeToken> = {}): FakeToken {
    const token: FakeToken = {
      token: partial.token ?? `xoxb-${this.tokens.size + 1}-fake`,
      team: partial.team ?? "Acme",
      teamId: partial.teamId ?? "T0001",
      user: partial.user ?? "switchyard",
      userId: partial.userId ?? "U0BOT",
      botId: partial.botId ?? "B0BOT",
      revoked: partial.revoked,
      scopes: partial.scopes ?? ["chat:write"],
    };
    this.tokens.set(token.token, token);
    return token;
  }

  addChannel(channel: FakeChannel): FakeChannel {
    const full = { member: true, ...channel };
    this.channels.set(full.id, full);
    return full;
  }

  /** Registers an incoming webhook; returns its URL. */
  addIncomingWebhook(channel: string, options: { disabled?: boolean } = {}): string {
    const path = `/services/T0001/B${String(this.incomingWebhooks.size + 1).padStart(4, "0")}/${"x".repeat(8)}${this.incomingWebhooks.size}`;
    this.incomingWebhooks.set(path, { path, channel, disabled: options.disabled });
    return `${this.url}${path}`;
  }

  /** The next `count` calls get HTTP 429 with `Retry-After` (seconds), as Slack sends for both APIs. */
  rateLimitNext(count: number, retryAfterSeconds = 1): this {
    return this.failNext(count, (req) =>
      req.path.startsWith("/services/")
        ? plain(429, "rate_limited", { "retry-after": String(retryAfterSeconds) })
        : { status: 429, headers: { "retry-after": String(retryAfterSeconds) }, body: { ok: false, error: "ratelimited" } },
    );
  }

  override reset(): void {
    super.reset();
    this.posts.length = 0;
  }

  private nextTs(): string {
    this.clock += 1;
    return `${this.clock}.${String(this.posts.length).padStart(6, "0")}`;
  }

  private args(req: RecordedRequest): Record<string, unknown> | undefined {
    const type = (req.headers["content-type"] ?? "").toLowerCase();
    if (type.startsWith("application/json"))
      return typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>) : undefined;
    if (type.startsWith("application/x-www-form-urlencoded")) return formBody(req.rawBody);
    return undefined;
  }

  private authenticate(req: RecordedRequest, args: Record<string, unknown>): FakeToken | FakeReply {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : typeof args.token === "string" ? args.token : undefined;
    if (!token) return api({ ok: false, error: "not_authed" });
    const known = this.tokens.get(token);
    if (!known) return api({ ok: false, error: "invalid_auth" });
    if (known.revoked) return api({ ok: false, error: "token_revoked" });
    return known;
  }

  private authTest(req: RecordedRequest): FakeReply {
    const args = this.args(req) ?? {};
    const who = this.authenticate(req, args);
    if ("status" in who) return who;
    return api({
      ok: true,
      url: `${this.url}/`,
      team: who.team,
      user: who.user,
      team_id: who.teamId,
      user_id: who.userId,
      bot_id: who.botId,
      is_enterprise_install: false,
    });
  }

  private findChannel(ref: unknown): FakeChannel | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, "");
    return [...this.channels.values()].find((c) => c.name === name);
  }

  private postMessage(req: RecordedRequest): FakeReply {
    const args = this.args(req);
    if (!args) return api({ ok: false, error: "invalid_post_type" });
    const who = this.authenticate(req, args);
    if ("status" in who) return who;
    if (!who.scopes.includes("chat:write"))
      return api({ ok: false, error: "missing_scope", needed: "chat:write", provided: who.scopes.join(",") });
    const channel = this.findChannel(args.channel);
    if (!channel) return api({ ok: false, error: "channel_not_found" });
    if (channel.archived) return api({ ok: false, error: "is_archived" });
    if (!channel.member) return api({ ok: false, error: "not_in_channel" });
    const text = typeof args.text === "string" ? args.text : undefined;
    const blocks = args.blocks;
    if (blocks !== undefined && !Array.isArray(blocks)) return api({ ok: false, error: "invalid_blocks" });
    if ((text === undefined || text === "") && !blocks && !args.attachments) return api({ ok: false, error: "no_text" });
    if (text !== undefined && text.length > MAX_TEXT) return api({ ok: false, error: "msg_too_long" });
    if (Array.isArray(blocks) && blocks.length > MAX_BLOCKS) return api({ ok: false, error: "invalid_blocks" });
    const ts = this.nextTs();
    const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
    this.posts.push({ via: "api", channel: channel.id, text, blocks, threadTs, ts, raw: args });
    const warning =
      (req.headers["content-type"] ?? "").toLowerCase() === "application/json"
        ? { warning: "missing_charset", response_metadata: { warnings: ["missing_charset"] } }
        : {};
    return api({
      ok: true,
      channel: channel.id,
      ts,
      message: {
        type: "message",
        subtype: "bot_message",
        text: text ?? "",
        user: who.userId,
        bot_id: who.botId,
        ts,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      ...warning,
    });
  }

  private incoming(req: RecordedRequest): FakeReply {
    const hook = this.incomingWebhooks.get(req.path);
    if (!hook) {
      const sameBot = [...this.incomingWebhooks.keys()].some(
        (path) => path.split("/").slice(0, 4).join("/") === req.path.split("/").slice(0, 4).join("/"),
      );
      return sameBot ? plain(403, "invalid_token") : plain(404, "no_service");
    }
    if (hook.disabled) return plain(404, "no_service");
    if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) return plain(400, "invalid_payload");
    if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) return plain(400, "invalid_payload");
    const body = req.body as Record<string, unknown>;
    const channel = this.channels.get(hook.channel);
    if (!channel) return plain(404, "channel_not_found");
    if (channel.archived) return plain(410, "channel_is_archived");
    const text = typeof body.text === "string" ? body.text : undefined;
    if (body.blocks !== undefined && !Array.isArray(body.blocks)) return plain(400, "invalid_blocks_format");
    if ((text === undefined || text === "") && body.blocks === undefined && body.attachments === undefined) return plain(400, "no_text");
    if (Array.isArray(body.blocks) && body.blocks.length > MAX_BLOCKS) return plain(400, "invalid_blocks");
    this.posts.push({
      via: "webhook",
      channel: channel.id,
      text,
      blocks: body.blocks,
      threadTs: typeof body.thread_ts === "string" ? body.thread_ts : undefined,
      ts: this.nextTs(),
      raw: body,
    });
    return plain(200, "ok");
  }
}

export async function startSlackFake(port = 0): Promise<SlackFake> {
  return new SlackFake().start(port);
}

// Standalone sandbox: `tsx tests/fakes/slack/server.ts --port 4021`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const fake = await startSlackFake(portFromArgs(process.argv, 4021));
  fake.addToken({ token: "xoxb-sandbox-token" });
  fake.addChannel({ id: "C0SANDBOX", name: "general" });
  const hook = fake.addIncomingWebhook("C0SANDBOX");
  process.stdout.write(
    `Slack fake on ${fake.url}\nAPI base URL: ${fake.apiUrl} (token xoxb-sandbox-token, channel #general)\nincoming webhook: ${hook}\n`,
  );
}
