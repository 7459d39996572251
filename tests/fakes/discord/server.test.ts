import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DiscordFake, embedCharacters, type FakeWebhook } from "./server";
import { requestBodySchemaNames } from "./spec";

const fake = new DiscordFake();
let hook: FakeWebhook;
beforeAll(async () => {
  await fake.start();
  hook = fake.addWebhook();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const post = (body: unknown, query = "", headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${fake.url}/api/v10/webhooks/${hook.id}/${hook.token}${query}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("Discord fake follows the published contract", () => {
  it("validates against the schema the spec declares for execute_webhook", () => {
    expect(requestBodySchemaNames("/webhooks/{webhook_id}/{webhook_token}", "post")).toContain("IncomingWebhookRequestPartial");
  });

  it("answers 204 without wait and 200 with the message with wait=true, with rate-limit headers", async () => {
    const quiet = await post({ content: "hi" });
    expect(quiet.status).toBe(204);
    expect(quiet.headers.get("x-ratelimit-bucket")).toBeTruthy();
    const loud = await post({ content: "hi" }, "?wait=true");
    expect(loud.status).toBe(200);
    const message = (await loud.json()) as { id: string; content: string; webhook_id: string };
    expect(message).toMatchObject({ content: "hi", webhook_id: hook.id });
    expect(fake.messages).toHaveLength(2);
  });

  it("rejects spec violations with 50035 and the field path in Discord's error tree", async () => {
    const res = await post({ username: "u".repeat(81), embeds: [{ title: "x", color: 16777216, fields: [{ name: "n" }] }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: number; errors: Record<string, unknown> };
    expect(body.code).toBe(50035);
    expect(body.errors).toMatchObject({
      username: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] },
      embeds: {
        "0": {
          color: { _errors: [expect.objectContaining({ code: "NUMBER_TYPE_MAX" })] },
          fields: { "0": { value: { _errors: [{ code: "BASE_TYPE_REQUIRED" }] } } },
        },
      },
    });
    expect(fake.messages).toHaveLength(0);
  });

  it("rejects more than 6000 embed characters, empty messages and non-JSON bodies", async () => {
    expect(embedCharacters([{ title: "ab", fields: [{ name: "c", value: "de" }], footer: { text: "f" } }])).toBe(6);
    const big = await post({ embeds: [{ description: "x".repeat(4000) }, { description: "y".repeat(2001) }] });
    expect(big.status).toBe(400);
    expect(JSON.stringify(await big.json())).toContain("6000");
    const empty = await post({ content: "" });
    expect(((await empty.json()) as { code: number }).code).toBe(50006);
    const text = await post("content=hi", "", { "content-type": "text/plain" });
    expect(text.status).toBe(400);
  });

  it("answers 401 for a wrong token and 404 for an unknown webhook", async () => {
    const wrong = await fetch(`${fake.url}/api/webhooks/${hook.id}/nope`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ code: 50027, message: "Invalid Webhook Token" });
    const unknown = await fetch(`${fake.url}/api/webhooks/1/${hook.token}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: number }).code).toBe(10015);
  });

  it("scripts Discord's 429 with retry_after in seconds and the global flag", async () => {
    fake.rateLimitNext(1, { retryAfter: 1.5, global: true });
    const res = await post({ content: "x" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("x-ratelimit-global")).toBe("true");
    expect(await res.json()).toEqual({ message: "You are being rate limited.", retry_after: 1.5, global: true });
    expect((await post({ content: "x" })).status).toBe(204);
  });
});
