import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NonRetryableError, NotFoundError, RateLimitedError, ServerError, ValidationError } from "@/lib/engine/errors";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { createTestContext, runNode } from "@/lib/nodes/test-context";
import { SlackFake } from "@/tests/fakes/slack/server";
import { slackBotCredential } from "./auth";
import { slackPostMessage } from "./post-message";

const fake = new SlackFake();
const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
const TOKEN = "xoxb-canary-4242-secret";

beforeAll(async () => {
  await fake.start();
  fake.addToken({ token: TOKEN });
  fake.addToken({ token: "xoxb-revoked", revoked: true });
  fake.addToken({ token: "xoxb-readonly", scopes: ["channels:read"] });
  fake.addChannel({ id: "C0GENERAL", name: "general" });
  fake.addChannel({ id: "C0OLD", name: "old", archived: true });
  fake.addChannel({ id: "C0PRIVATE", name: "private", member: false });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function context(token = TOKEN) {
  const data = { token, baseUrl: fake.apiUrl };
  return createTestContext({ fetch: guarded, credential: { id: "cred_slack", type: "slack.bot-token", data, secrets: [token] } });
}

const post = (config: Record<string, unknown>, ctx = context()) => runNode(slackPostMessage, config, undefined, ctx);

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

describe("slack.message.post: the request", () => {
  it("calls chat.postMessage with the bearer token and the form body the official SDK sends", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*New lead*" } }];
    const result = await post({ channel: "C0GENERAL", text: "New lead", blocks, unfurlLinks: false });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/api/chat.postMessage");
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(req.rawBody))).toEqual({
      channel: "C0GENERAL",
      text: "New lead",
      blocks: JSON.stringify(blocks),
      unfurl_links: "false",
    });
    expect(result.output).toEqual({ ok: true, channel: "C0GENERAL", ts: fake.posts[0]!.ts });
  });

  it("replies in a thread, accepts blocks pasted as JSON text and a #channel name", async () => {
    const result = await post({ channel: "#general", blocks: '[{"type":"divider"}]', threadTs: "1700000000.000100", replyBroadcast: true });
    const sent = Object.fromEntries(new URLSearchParams(fake.requests[0]!.rawBody));
    expect(sent).toEqual({ channel: "#general", blocks: '[{"type":"divider"}]', thread_ts: "1700000000.000100", reply_broadcast: "true" });
    expect(result.output).toMatchObject({ channel: "C0GENERAL", threadTs: "1700000000.000100" });
  });

  it("checks text, blocks and their limits before sending", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: "C0GENERAL" }, "text"],
      [{ channel: "C0GENERAL", text: "x".repeat(40_001) }, "text"],
      [{ channel: "C0GENERAL", blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }, "blocks"],
      [{ channel: "C0GENERAL", blocks: "[not json" }, "blocks"],
    ];
    for (const [config, field] of cases) {
      const err = await failure(post(config));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).path).toEqual([field]);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("slack.message.post: Slack's ok:false answers and HTTP errors", () => {
  it.each([
    ["an unknown token", "xoxb-unknown", "invalid_auth"],
    ["a revoked token", "xoxb-revoked", "token_revoked"],
    ["a token without chat:write", "xoxb-readonly", "missing_scope"],
  ])("%s → AuthError (%s)", async (_name, token, code) => {
    const err = await failure(post({ channel: "C0GENERAL", text: "x" }, context(token)));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain(code);
    expect(err.message).not.toContain(token);
  });

  it("not_authed and account_inactive → AuthError", async () => {
    fake.failNext(1, { status: 200, body: { ok: false, error: "account_inactive" } });
    expect(await failure(post({ channel: "C0GENERAL", text: "x" }))).toBeInstanceOf(AuthError);
    fake.failNext(1, { status: 200, body: { ok: false, error: "not_authed" } });
    expect(await failure(post({ channel: "C0GENERAL", text: "x" }))).toBeInstanceOf(AuthError);
  });

  it("HTTP 403 → AuthError", async () => {
    fake.failNext(1, { status: 403, body: "forbidden" });
    expect(await failure(post({ channel: "C0GENERAL", text: "x" }))).toBeInstanceOf(AuthError);
  });

  it("channel_not_found → NotFoundError naming the channel", async () => {
    const err = await failure(post({ channel: "C0NOPE", text: "x" }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain('channel "C0NOPE"');
  });

  it("not_in_channel and is_archived → NonRetryableError with a hint", async () => {
    const notIn = await failure(post({ channel: "C0PRIVATE", text: "x" }));
    expect(notIn).toBeInstanceOf(NonRetryableError);
    expect(notIn.message).toContain("invite");
    expect(await failure(post({ channel: "C0OLD", text: "x" }))).toBeInstanceOf(NonRetryableError);
  });

  it("HTTP 429 → RateLimitedError with Retry-After, then success", async () => {
    fake.rateLimitNext(1, 3);
    const err = await failure(post({ channel: "C0GENERAL", text: "x" }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(3000);
    expect(fake.requests).toHaveLength(1);
    const ok = await post({ channel: "C0GENERAL", text: "x" });
    expect(ok.output).toMatchObject({ ok: true });
    expect(fake.posts).toHaveLength(1);
  });

  it("ok:false ratelimited on HTTP 200 → RateLimitedError", async () => {
    fake.failNext(1, { status: 200, body: { ok: false, error: "ratelimited" } });
    expect(await failure(post({ channel: "C0GENERAL", text: "x" }))).toBeInstanceOf(RateLimitedError);
  });

  it("HTTP 500 and internal_error → retryable ServerError", async () => {
    fake.failNext(1, { status: 500, body: "boom" });
    const http = await failure(post({ channel: "C0GENERAL", text: "x" }));
    expect(http).toBeInstanceOf(ServerError);
    expect((http as ServerError).retryable).toBe(true);
    fake.failNext(1, { status: 200, body: { ok: false, error: "internal_error" } });
    expect(await failure(post({ channel: "C0GENERAL", text: "x" }))).toBeInstanceOf(ServerError);
  });

  it("HTTP 404 → NotFoundError", async () => {
    fake.failNext(1, { status: 404, body: "not found" });
    expect(await failure(post({ channel: "C0GENERAL", text: "x" }))).toBeInstanceOf(NotFoundError);
  });
});

describe("slack.bot-token credential", () => {
  const io = () => ({ fetch: guarded, signal: new AbortController().signal });

  it("tests the token with auth.test", async () => {
    const result = await slackBotCredential.test!({ token: TOKEN, baseUrl: fake.apiUrl }, io());
    expect(result.message).toContain("Acme");
    expect(fake.requests.map((r) => r.path)).toEqual(["/api/auth.test"]);
    expect(fake.posts).toHaveLength(0);
  });

  it("fails the test with AuthError for a bad token", async () => {
    await expect(slackBotCredential.test!({ token: "xoxb-wrong", baseUrl: fake.apiUrl }, io())).rejects.toBeInstanceOf(AuthError);
  });

  it("authenticates with a bearer header and validates the token format", () => {
    expect(slackBotCredential.authenticate!({ token: TOKEN })).toEqual({ headers: { authorization: `Bearer ${TOKEN}` } });
    expect(slackBotCredential.fields.safeParse({ token: "not-a-token" }).success).toBe(false);
  });
});
