import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NonRetryableError, NotFoundError, RateLimitedError, ServerError, ValidationError } from "@/lib/engine/errors";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { createTestContext, runNode } from "@/lib/nodes/test-context";
import { SlackFake } from "@/tests/fakes/slack/server";
import { slackWebhookCredential } from "./auth";
import { slackSendWebhook } from "./send-webhook";
import { sendIncomingWebhook } from "./webhook-client";

const fake = new SlackFake();
const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
let hookUrl: string;
let archivedUrl: string;
let disabledUrl: string;

beforeAll(async () => {
  await fake.start();
  fake.addChannel({ id: "C0ALERTS", name: "alerts" });
  fake.addChannel({ id: "C0OLD", name: "old", archived: true });
  hookUrl = fake.addIncomingWebhook("C0ALERTS");
  archivedUrl = fake.addIncomingWebhook("C0OLD");
  disabledUrl = fake.addIncomingWebhook("C0ALERTS", { disabled: true });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function context(webhookUrl = hookUrl) {
  return createTestContext({
    fetch: guarded,
    credential: { id: "cred_hook", type: "slack.incoming-webhook", data: { webhookUrl }, secrets: [webhookUrl] },
  });
}
const send = (config: Record<string, unknown>, ctx = context()) => runNode(slackSendWebhook, config, undefined, ctx);

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

describe("slack.webhook.send", () => {
  it("posts JSON to the webhook URL and returns Slack's `ok`", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "hi" } }];
    const result = await send({ text: "Run failed", blocks, threadTs: "1700000000.000001" });
    const req = fake.requests[0]!;
    expect(req.method).toBe("POST");
    expect(hookUrl.endsWith(req.path)).toBe(true);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.authorization).toBeUndefined();
    expect(req.body).toEqual({ text: "Run failed", blocks, thread_ts: "1700000000.000001" });
    expect(result.output).toEqual({ sent: true, response: "ok" });
    expect(fake.posts[0]).toMatchObject({ via: "webhook", channel: "C0ALERTS", text: "Run failed" });
  });

  it("refuses an empty message before sending", async () => {
    const err = await failure(send({ text: " " }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
  });

  it("maps Slack's plain-text errors: invalid_payload/no_text → ValidationError", async () => {
    const io = { fetch: guarded, signal: new AbortController().signal };
    const err = await failure(sendIncomingWebhook(io, { webhookUrl: hookUrl }, {}));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain("no_text");
    fake.failNext(1, { status: 400, body: "invalid_payload" });
    expect(await failure(send({ text: "x" }))).toBeInstanceOf(ValidationError);
  });

  it("403 invalid_token → AuthError without echoing the URL", async () => {
    const wrong = hookUrl.replace(/[^/]+$/, "wrongsecret");
    const err = await failure(send({ text: "x" }, context(wrong)));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain("invalid_token");
    expect(err.message).not.toContain("wrongsecret");
    fake.failNext(1, { status: 403, body: "action_prohibited" });
    expect(await failure(send({ text: "x" }))).toBeInstanceOf(AuthError);
  });

  it("404 no_service (revoked webhook) → NotFoundError", async () => {
    const err = await failure(send({ text: "x" }, context(disabledUrl)));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain("no_service");
    fake.failNext(1, { status: 404, body: "channel_not_found" });
    expect(await failure(send({ text: "x" }))).toBeInstanceOf(NotFoundError);
  });

  it("410 channel_is_archived → NonRetryableError", async () => {
    expect(await failure(send({ text: "x" }, context(archivedUrl)))).toBeInstanceOf(NonRetryableError);
  });

  it("429 rate_limited → RateLimitedError with Retry-After, then success", async () => {
    fake.rateLimitNext(1, 2);
    const err = await failure(send({ text: "x" }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(2000);
    expect((await send({ text: "x" })).output).toEqual({ sent: true, response: "ok" });
    expect(fake.posts).toHaveLength(1);
  });

  it("429 without Retry-After waits the documented one second", async () => {
    fake.failNext(1, { status: 429, body: "rate_limited" });
    const err = await failure(send({ text: "x" }));
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
  });

  it("500 rollup_error → retryable ServerError", async () => {
    fake.failNext(1, { status: 500, body: "rollup_error" });
    const err = await failure(send({ text: "x" }));
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).retryable).toBe(true);
  });
});

describe("slack.incoming-webhook credential", () => {
  const io = () => ({ fetch: guarded, signal: new AbortController().signal });

  it("tests a live webhook without posting anything", async () => {
    const result = await slackWebhookCredential.test!({ webhookUrl: hookUrl }, io());
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(1);
    expect(fake.posts).toHaveLength(0);
  });

  it("fails the test for a revoked webhook", async () => {
    await expect(slackWebhookCredential.test!({ webhookUrl: disabledUrl }, io())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("accepts only webhook-shaped URLs", () => {
    expect(slackWebhookCredential.fields.safeParse({ webhookUrl: "https://hooks.slack.com/services/T1/B1/abc" }).success).toBe(true);
    expect(slackWebhookCredential.fields.safeParse({ webhookUrl: "https://example.com/other" }).success).toBe(false);
  });
});
