import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, RateLimitedError, ServerError, ValidationError } from "@/lib/engine/errors";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { createTestContext, runNode } from "@/lib/nodes/test-context";
import { WebhookFake } from "@/tests/fakes/webhook/server";
import { customWebhookCredential } from "./auth";
import { webhookSendNotification } from "./send-notification";
import { renderBody } from "./template";

const fake = new WebhookFake();
const guarded = createGuardedFetch({ allowHosts: ["127.0.0.1"] });
const TOKEN = "canary-token-7f3a91";

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function context(data: Record<string, unknown>) {
  const parsed = customWebhookCredential.fields.parse(data);
  return createTestContext({
    fetch: guarded,
    run: { flowName: "Lead opt-in", id: "run_42" },
    credential: { id: "cred_hook", type: "webhook.custom", data: parsed, secrets: [TOKEN] },
  });
}
const send = (config: Record<string, unknown>, data: Record<string, unknown>) =>
  runNode(webhookSendNotification, config, undefined, context(data));

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

describe("webhook.notification.send", () => {
  it("fills the JSON template and secret placeholders and sends with the chosen method and headers", async () => {
    const url = fake.addHook("team", { requireHeader: { name: "authorization", value: `Bearer ${TOKEN}` } });
    const result = await send(
      { subject: 'Deal "won"', body: "Line 1\nLine 2", name: "" },
      {
        url,
        method: "PUT",
        headers: { Authorization: "Bearer {{secret.token}}", "X-Flow": "{{flow}}" },
        bodyTemplate: '{"title":"{{subject}}","text":"{{ body }}","from":"{{name}}","meta":{"run":"{{runId}}","tags":["{{flow}}"]}}',
        secrets: { token: TOKEN },
      },
    );
    const req = fake.received("team")[0]!;
    expect(req.method).toBe("PUT");
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers["x-flow"]).toBe("Lead opt-in");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({
      title: 'Deal "won"',
      text: "Line 1\nLine 2",
      from: "Lead opt-in",
      meta: { run: "run_42", tags: ["Lead opt-in"] },
    });
    expect(result.output).toEqual({ status: 200, response: { ok: true } });
  });

  it("uses the default template", async () => {
    const url = fake.addHook("default");
    await send({ subject: "S", body: "B", name: "N" }, { url });
    expect(fake.received("default")[0]!.body).toEqual({ subject: "S", body: "B", name: "N" });
  });

  it("masks secrets a receiver echoes back in its answer", async () => {
    const url = fake.addHook("echo", { echo: true });
    const result = await send(
      { subject: "x" },
      { url, headers: { "X-Token": "{{secret.token}}" }, bodyTemplate: '{"t":"{{secret.token}}"}', secrets: { token: TOKEN } },
    );
    expect(fake.received("echo")[0]!.body).toEqual({ t: TOKEN });
    expect(JSON.stringify(result.output)).not.toContain(TOKEN);
    expect(JSON.stringify(result.output)).toContain("***");
  });

  it("masks secrets in error messages too", async () => {
    const url = fake.addHook("echo-fail", { echo: true, status: 400 });
    const err = await failure(send({ subject: "x" }, { url, bodyTemplate: '{"t":"{{secret.token}}"}', secrets: { token: TOKEN } }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).not.toContain(TOKEN);
  });

  it("sends no body for GET and fills secrets into the URL", async () => {
    const url = fake.addHook("get");
    await send({ subject: "x" }, { url: `${url}?key={{secret.key}}`, method: "GET", secrets: { key: "k1" } });
    const req = fake.received("get")[0]!;
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ key: "k1" });
    expect(req.rawBody).toBe("");
  });

  it("maps 401, 403, 404, 429 (then success) and 500", async () => {
    const guardedHook = fake.addHook("locked", { requireHeader: { name: "x-key", value: "right" } });
    expect(await failure(send({}, { url: guardedHook }))).toBeInstanceOf(AuthError);
    expect(await failure(send({}, { url: guardedHook, headers: { "x-key": "wrong" } }))).toBeInstanceOf(AuthError);
    expect(await failure(send({}, { url: `${fake.url}/hooks/missing` }))).toBeInstanceOf(NotFoundError);
    const url = fake.addHook("busy");
    fake.failNext(1, { status: 429, headers: { "retry-after": "7" }, body: "slow down" });
    const limited = await failure(send({}, { url }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
    expect((await send({}, { url })).output).toMatchObject({ status: 200 });
    fake.failNext(1, { status: 500, body: "oops" });
    expect(await failure(send({}, { url }))).toBeInstanceOf(ServerError);
  });
});

describe("webhook.custom credential", () => {
  it("rejects unknown placeholders, unknown secrets and non-JSON templates, naming the field", () => {
    const parse = (data: Record<string, unknown>) => customWebhookCredential.fields.safeParse({ url: "https://example.com/h", ...data });
    const unknown = parse({ bodyTemplate: '{"a":"{{subjet}}"}' });
    expect(unknown.success).toBe(false);
    expect(unknown.error!.issues[0]!.path).toEqual(["bodyTemplate"]);
    const secret = parse({ headers: { Authorization: "Bearer {{secret.tokn}}" }, secrets: { token: "x" } });
    expect(secret.error!.issues[0]!.path).toEqual(["headers", "Authorization"]);
    expect(parse({ bodyTemplate: "subject={{subject}}" }).success).toBe(false);
    expect(parse({ url: "ftp://example.com" }).success).toBe(false);
    expect(customWebhookCredential.secretFields).toEqual(["url", "secrets"]);
  });

  it("keeps values inside their JSON strings whatever they contain", () => {
    const body = renderBody('{"s":"{{subject}}"}', { message: { subject: '", "injected": "1' }, secrets: {} });
    expect(JSON.parse(body)).toEqual({ s: '", "injected": "1' });
  });

  it("tests by sending one test notification", async () => {
    const url = fake.addHook("test");
    const data = customWebhookCredential.fields.parse({ url });
    const result = await customWebhookCredential.test!(data, { fetch: guarded, signal: new AbortController().signal });
    expect(result.message).toContain("200");
    expect((fake.received("test")[0]!.body as { subject: string }).subject).toContain("test");
  });
});
