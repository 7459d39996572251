import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, RateLimitedError, ServerError, ValidationError } from "@/lib/engine/errors";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { createTestContext, runNode } from "@/lib/nodes/test-context";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";
import { discordWebhookCredential } from "./auth";
import { executeWebhook } from "./client";
import { discordSendMessage } from "./send-message";

const fake = new DiscordFake();
let hook: FakeWebhook;
const fetchThroughGuard = createGuardedFetch({ allowHosts: ["127.0.0.1"] });

beforeAll(async () => {
  await fake.start();
  hook = fake.addWebhook({ id: "223344556677889900", token: "secret-webhook-token-Zq9", name: "Alerts", channelId: "998877" });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function context(webhookUrl = fake.webhookUrl(hook), options: { dryRun?: boolean } = {}) {
  return createTestContext({
    fetch: fetchThroughGuard,
    dryRun: options.dryRun,
    credential: { id: "cred_discord", type: "discord.webhook", data: { webhookUrl }, secrets: [webhookUrl] },
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

const send = (config: Record<string, unknown>, ctx = context()) => runNode(discordSendMessage, config, undefined, ctx);

describe("discord.webhook.send: the request", () => {
  it("posts the message and embeds in Discord's wire format to API v10 and returns the message id", async () => {
    const result = await send({
      content: "New lead: **Ada**",
      username: "Switchyard",
      embeds: [
        {
          title: "Lead opt-in",
          description: "ada@example.com signed up",
          url: "https://example.com/leads/1",
          color: "#5865F2",
          timestamp: "2026-01-31T12:00:00Z",
          author: { name: "Lead bot", iconUrl: "https://example.com/bot.png" },
          footer: { text: "Switchyard" },
          fields: [
            { name: "Email", value: "ada@example.com", inline: true },
            { name: "Source", value: "landing page" },
          ],
          thumbnailUrl: "https://example.com/t.png",
        },
      ],
    });

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`/api/v10/webhooks/${hook.id}/${hook.token}?wait=true`);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.authorization).toBeUndefined();
    expect(req.body).toEqual({
      content: "New lead: **Ada**",
      username: "Switchyard",
      embeds: [
        {
          title: "Lead opt-in",
          description: "ada@example.com signed up",
          url: "https://example.com/leads/1",
          color: 0x5865f2,
          timestamp: "2026-01-31T12:00:00Z",
          author: { name: "Lead bot", icon_url: "https://example.com/bot.png" },
          footer: { text: "Switchyard" },
          fields: [
            { name: "Email", value: "ada@example.com", inline: true },
            { name: "Source", value: "landing page" },
          ],
          thumbnail: { url: "https://example.com/t.png" },
        },
      ],
      allowed_mentions: { parse: ["users", "roles"] },
    });
    expect(result.output).toMatchObject({ sent: true, messageId: fake.messages[0]!.id, channelId: "998877" });
  });

  it("posts into a thread and skips the answer when not waiting", async () => {
    const result = await send({ content: "in a thread", threadId: "5550001", wait: false, mentions: "none" });
    expect(fake.requests[0]!.query).toEqual({ thread_id: "5550001" });
    expect(fake.requests[0]!.body).toEqual({ content: "in a thread", allowed_mentions: { parse: [] } });
    expect(result.output).toEqual({ sent: true });
  });

  it("accepts a message exactly at every limit, and the spec-validating fake agrees", async () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `f${String(i).padStart(2, "0")}`, value: "v".repeat(100) }));
    await send({
      content: "c".repeat(2000),
      username: "u".repeat(80),
      embeds: [{ title: "t".repeat(256), description: "d".repeat(1000), color: 0xffffff, fields, footer: { text: "f".repeat(500) } }],
    });
    expect(fake.messages).toHaveLength(1);
  });

  it("reads a webhook URL as copied from Discord (no API version) and any colour notation", async () => {
    const copied = `${fake.url}/api/webhooks/${hook.id}/${hook.token}`;
    await send(
      {
        embeds: [
          { title: "x", color: "0x00ff00" },
          { title: "y", color: 255 },
        ],
      },
      context(copied),
    );
    expect(fake.requests[0]!.path).toBe(`/api/v10/webhooks/${hook.id}/${hook.token}`);
    expect((fake.requests[0]!.body as { embeds: { color: number }[] }).embeds.map((e) => e.color)).toEqual([0x00ff00, 255]);
  });
});

describe("discord.webhook.send: limits are checked before sending", () => {
  const long = (n: number) => "x".repeat(n);
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ["content over 2000", { content: long(2001) }, ["content"]],
    ["username over 80", { content: "x", username: long(81) }, ["username"]],
    ["more than 10 embeds", { embeds: Array.from({ length: 11 }, () => ({ title: "x" })) }, ["embeds"]],
    ["title over 256", { embeds: [{ title: long(257) }] }, ["embeds", 0, "title"]],
    ["description over 4096", { embeds: [{ title: "a" }, { description: long(4097) }] }, ["embeds", 1, "description"]],
    [
      "more than 25 fields",
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }] },
      ["embeds", 0, "fields"],
    ],
    [
      "field value over 1024",
      {
        embeds: [
          {
            fields: [
              { name: "a", value: "b" },
              { name: "a", value: "b" },
              { name: "a", value: "b" },
              { name: "a", value: long(1025) },
            ],
          },
        ],
      },
      ["embeds", 0, "fields", 3, "value"],
    ],
    ["field name over 256", { embeds: [{ fields: [{ name: long(257), value: "v" }] }] }, ["embeds", 0, "fields", 0, "name"]],
    ["empty field value", { embeds: [{ fields: [{ name: "n", value: " " }] }] }, ["embeds", 0, "fields", 0, "value"]],
    ["footer over 2048", { embeds: [{ footer: { text: long(2049) } }] }, ["embeds", 0, "footer", "text"]],
    ["author name over 256", { embeds: [{ author: { name: long(257) } }] }, ["embeds", 0, "author", "name"]],
    ["total over 6000", { embeds: [{ description: long(4000) }, { description: long(2001) }] }, ["embeds"]],
    ["colour above 0xFFFFFF", { embeds: [{ title: "x", color: 0x1000000 }] }, ["embeds", 0, "color"]],
    ["negative colour", { embeds: [{ title: "x", color: -1 }] }, ["embeds", 0, "color"]],
    ["unreadable colour", { embeds: [{ title: "x", color: "#GGGGGG" }] }, ["embeds", 0, "color"]],
    ["bad timestamp", { embeds: [{ title: "x", timestamp: "yesterday" }] }, ["embeds", 0, "timestamp"]],
    ["an empty message", { content: "  " }, ["content"]],
  ];

  it.each(cases)("refuses %s with the field path", async (_name, config, path) => {
    const err = await failure(send(config));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(path);
    expect(err.message).toContain("Discord limit");
    expect(fake.requests).toHaveLength(0);
  });

  it("maps Discord's own 400 Invalid Form Body to a ValidationError with the field path", async () => {
    // Bypasses the node's checks to prove the fake validates against the spec and the client reads its error tree.
    const err = await failure(
      executeWebhook(
        fetchThroughGuard,
        fake.webhookUrl(hook),
        { embeds: [{ title: "t".repeat(300) }] },
        { wait: true, signal: new AbortController().signal },
      ),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(["embeds", 0, "title"]);
    expect(err.message).toContain("50035");
    expect(err.message).toContain("256 or fewer");
  });
});

describe("discord.webhook.send: error mapping", () => {
  it("401 (wrong token) → AuthError, never retried, without the token in the message", async () => {
    const wrong = `${fake.url}/api/webhooks/${hook.id}/not-the-token`;
    const err = await failure(send({ content: "x" }, context(wrong)));
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).retryable).toBe(false);
    expect(err.message).toContain("Invalid Webhook Token");
    expect(err.message).not.toContain("not-the-token");
  });

  it("403 → AuthError", async () => {
    fake.failNext(1, { status: 403, body: { code: 50013, message: "Missing Permissions" } });
    const err = await failure(send({ content: "x" }));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain("Missing Permissions");
  });

  it("404 (deleted webhook) → NotFoundError naming the webhook id, not its token", async () => {
    const gone = `${fake.url}/api/webhooks/111111111111111111/${hook.token}`;
    const err = await failure(send({ content: "x" }, context(gone)));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain("webhook 111111111111111111");
    expect(err.message).toContain("Unknown Webhook");
    expect(err.message).not.toContain(hook.token);
  });

  it("429 → RateLimitedError with Discord's retry_after (seconds in the body), then success", async () => {
    fake.rateLimitNext(1, { retryAfter: 0.35 });
    const err = await failure(send({ content: "first" }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(350);
    expect((err as RateLimitedError).details).toMatchObject({ global: false });
    const retried = await send({ content: "first" });
    expect(retried.output).toMatchObject({ sent: true });
    expect(fake.messages).toHaveLength(1);
  });

  it("429 on the global limit says so", async () => {
    fake.rateLimitNext(1, { retryAfter: 2.5, global: true });
    const err = await failure(send({ content: "x" }));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(2500);
    expect((err as RateLimitedError).details).toMatchObject({ global: true, scope: "global" });
    expect(err.message).toContain("global");
  });

  it("500 → retryable ServerError", async () => {
    fake.failNext(1, { status: 500, body: { code: 0, message: "500: Internal Server Error" } });
    const err = await failure(send({ content: "x" }));
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).retryable).toBe(true);
  });

  it("a webhook on an internal address is refused by the guard when not allow-listed", async () => {
    const ctx = createTestContext({
      fetch: createGuardedFetch(),
      credential: { id: "c", type: "discord.webhook", data: { webhookUrl: fake.webhookUrl(hook) }, secrets: [] },
    });
    const err = await failure(send({ content: "x" }, ctx));
    expect(err.name).toBe("BlockedAddressError");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("discord.webhook credential", () => {
  const io = () => ({ fetch: fetchThroughGuard, signal: new AbortController().signal });

  it("tests the webhook with a GET that posts nothing", async () => {
    const result = await discordWebhookCredential.test!({ webhookUrl: fake.webhookUrl(hook) }, io());
    expect(result.message).toContain('"Alerts"');
    expect(fake.requests.map((r) => r.method)).toEqual(["GET"]);
    expect(fake.messages).toHaveLength(0);
  });

  it("fails the test with AuthError for a wrong token", async () => {
    await expect(discordWebhookCredential.test!({ webhookUrl: `${fake.url}/api/webhooks/${hook.id}/wrong` }, io())).rejects.toBeInstanceOf(
      AuthError,
    );
  });

  it("accepts only webhook URLs", () => {
    expect(discordWebhookCredential.fields.safeParse({ webhookUrl: "https://discord.com/api/webhooks/123/abc" }).success).toBe(true);
    expect(discordWebhookCredential.fields.safeParse({ webhookUrl: "https://discord.com/channels/123" }).success).toBe(false);
    expect(discordWebhookCredential.fields.safeParse({ webhookUrl: "not a url" }).success).toBe(false);
    expect(discordWebhookCredential.secretFields).toEqual(["webhookUrl"]);
  });
});
