import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, RateLimitedError, ServerError, ValidationError } from "@/lib/engine/errors";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { createTestContext, runNode } from "@/lib/nodes/test-context";
import { SendgridFake, type FakeApiKey } from "@/tests/fakes/sendgrid/server";
import { sendgridCredential } from "./auth";
import { mailSend, sendgridRetryAfterMs } from "./client";
import { sendgridSendEmail } from "./send-email";

const fake = new SendgridFake();
const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
let key: FakeApiKey;
let readOnly: FakeApiKey;

beforeAll(async () => {
  await fake.start();
  key = fake.addKey(["mail.send", "templates.read"]);
  readOnly = fake.addKey(["templates.read"]);
  fake.verifySender("hello@acme.test");
  fake.addTemplate("d-0123456789abcdef0123456789abcdef");
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function context(apiKey = key.key) {
  return createTestContext({
    fetch: guarded,
    credential: { id: "cred_sg", type: "sendgrid.api-key", data: { apiKey, baseUrl: fake.url }, secrets: [apiKey] },
  });
}
const send = (config: Record<string, unknown>, ctx = context()) => runNode(sendgridSendEmail, config, undefined, ctx);

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

const basic = { from: "Acme <hello@acme.test>", to: "ada@example.com", subject: "Welcome", text: "Hi Ada", html: "<p>Hi Ada</p>" };

describe("sendgrid.email.send: the request", () => {
  it("posts the v3 Mail Send payload with the bearer key and returns the message id", async () => {
    const result = await send({
      ...basic,
      cc: ["Bob <bob@example.com>"],
      replyTo: "support@acme.test",
      categories: ["lead"],
      customArgs: { leadId: "42" },
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v3/mail/send");
    expect(req.headers.authorization).toBe(`Bearer ${key.key}`);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({
      personalizations: [{ to: [{ email: "ada@example.com" }], cc: [{ email: "bob@example.com", name: "Bob" }] }],
      from: { email: "hello@acme.test", name: "Acme" },
      reply_to: { email: "support@acme.test" },
      subject: "Welcome",
      content: [
        { type: "text/plain", value: "Hi Ada" },
        { type: "text/html", value: "<p>Hi Ada</p>" },
      ],
      categories: ["lead"],
      custom_args: { leadId: "42" },
    });
    expect(result.output).toEqual({ accepted: true, status: 202, messageId: fake.sent[0]!.messageId });
  });

  it("sends a dynamic template with its data and no subject or content", async () => {
    await send({
      from: "hello@acme.test",
      to: "ada@example.com, grace@example.com",
      templateId: "d-0123456789abcdef0123456789abcdef",
      dynamicTemplateData: { firstName: "Ada", day: 3 },
      sandboxMode: true,
    });
    expect(fake.requests[0]!.body).toEqual({
      personalizations: [
        { to: [{ email: "ada@example.com" }, { email: "grace@example.com" }], dynamic_template_data: { firstName: "Ada", day: 3 } },
      ],
      from: { email: "hello@acme.test" },
      template_id: "d-0123456789abcdef0123456789abcdef",
      mail_settings: { sandbox_mode: { enable: true } },
    });
    expect(fake.sent).toHaveLength(1);
  });

  it("checks recipients, subject, body and categories before sending", async () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ ...basic, to: "" }, ["to"]],
      [{ ...basic, to: ["ada@example.com", "not-an-email"] }, ["to", 1]],
      [{ ...basic, from: "nobody" }, ["from"]],
      [{ ...basic, subject: "" }, ["subject"]],
      [{ ...basic, text: "", html: "" }, ["text"]],
      [{ ...basic, to: Array.from({ length: 1001 }, (_, i) => `u${i}@example.com`) }, ["to"]],
      [{ ...basic, categories: Array.from({ length: 11 }, (_, i) => `c${i}`) }, ["categories"]],
    ];
    for (const [config, path] of cases) {
      const err = await failure(send(config));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).path).toEqual(path);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("sendgrid.email.send: error mapping", () => {
  it("400 from SendGrid → ValidationError naming SendGrid's field", async () => {
    const err = await failure(send({ from: "hello@acme.test", to: "ada@example.com", templateId: "d-unknown" }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(["template_id"]);
    expect(err.message).toContain("template_id");
  });

  it("401 → AuthError without the key in the message", async () => {
    const wrong = "SG.wrongwrong.wrongwrongwrong";
    const err = await failure(send(basic, context(wrong)));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain("invalid, expired, or revoked");
    expect(err.message).not.toContain(wrong);
  });

  it("403 (key without mail.send, or an unverified sender) → AuthError", async () => {
    expect(await failure(send(basic, context(readOnly.key)))).toBeInstanceOf(AuthError);
    const unverified = await failure(send({ ...basic, from: "someone@else.test" }));
    expect(unverified).toBeInstanceOf(AuthError);
    expect(unverified.message).toContain("verified Sender Identity");
  });

  it("404 → NotFoundError", async () => {
    fake.failNext(1, { status: 404, body: { errors: [{ message: "resource not found", field: null }] } });
    expect(await failure(send(basic))).toBeInstanceOf(NotFoundError);
  });

  it("429 → RateLimitedError waiting until X-RateLimit-Reset, then success", async () => {
    fake.rateLimitNext(1, 3);
    const err = await failure(send(basic));
    expect(err).toBeInstanceOf(RateLimitedError);
    const wait = (err as RateLimitedError).retryAfterMs!;
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(4000);
    const ok = await send(basic);
    expect(ok.output).toMatchObject({ accepted: true });
    expect(fake.sent).toHaveLength(1);
  });

  it("reads the reset epoch against the given now", () => {
    expect(sendgridRetryAfterMs(new Headers({ "x-ratelimit-reset": "1700000010" }), 1_700_000_000_000)).toBe(10_000);
    expect(sendgridRetryAfterMs(new Headers({ "retry-after": "4", "x-ratelimit-reset": "1700000010" }), 1_700_000_000_000)).toBe(4000);
    expect(sendgridRetryAfterMs(new Headers(), 0)).toBeUndefined();
  });

  it("500 → retryable ServerError", async () => {
    fake.failNext(1, { status: 500, body: { errors: [{ message: "internal error", field: null }] } });
    const err = await failure(send(basic));
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).retryable).toBe(true);
  });

  it("reaches only allowed addresses through the guard", async () => {
    const err = await failure(
      mailSend(
        { fetch: createGuardedFetch(), signal: new AbortController().signal },
        { apiKey: key.key, baseUrl: fake.url },
        { personalizations: [] },
      ),
    );
    expect(err.name).toBe("BlockedAddressError");
  });
});

describe("sendgrid.api-key credential", () => {
  const io = () => ({ fetch: guarded, signal: new AbortController().signal });

  it("tests the key with /v3/scopes and requires mail.send", async () => {
    const ok = await sendgridCredential.test!({ apiKey: key.key, baseUrl: fake.url }, io());
    expect(ok.ok).toBe(true);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v3/scopes"]);
    await expect(sendgridCredential.test!({ apiKey: readOnly.key, baseUrl: fake.url }, io())).rejects.toThrow(/Mail Send/);
    await expect(sendgridCredential.test!({ apiKey: "SG.x.y", baseUrl: fake.url }, io())).rejects.toBeInstanceOf(AuthError);
  });

  it("validates the key format", () => {
    expect(sendgridCredential.fields.safeParse({ apiKey: key.key }).success).toBe(true);
    expect(sendgridCredential.fields.safeParse({ apiKey: "sk_live_123" }).success).toBe(false);
  });
});
