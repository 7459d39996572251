import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackFake } from "./server";

const fake = new SlackFake();
let hook: string;
beforeAll(async () => {
  await fake.start();
  fake.addToken({ token: "xoxb-1" });
  fake.addChannel({ id: "C1", name: "general" });
  hook = fake.addIncomingWebhook("C1");
});
afterAll(() => fake.stop());

describe("Slack fake follows the published contract", () => {
  it("accepts JSON with a bearer token and answers errors as HTTP 200 ok:false", async () => {
    const call = (headers: Record<string, string>, body: unknown) =>
      fetch(`${fake.apiUrl}chat.postMessage`, { method: "POST", headers, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    const json = { "content-type": "application/json; charset=utf-8" };
    expect(await call({ ...json, authorization: "Bearer xoxb-1" }, { channel: "C1", text: "hi" })).toMatchObject({
      status: 200,
      body: { ok: true, channel: "C1" },
    });
    expect(await call(json, { channel: "C1", text: "hi" })).toEqual({ status: 200, body: { ok: false, error: "not_authed" } });
    expect((await call({ ...json, authorization: "Bearer xoxb-1" }, { channel: "C1" })).body).toEqual({ ok: false, error: "no_text" });
    const noCharset = await call({ "content-type": "application/json", authorization: "Bearer xoxb-1" }, { channel: "C1", text: "hi" });
    expect(noCharset.body.warning).toBe("missing_charset");
  });

  it("accepts the token as a form field", async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      body: new URLSearchParams({ token: "xoxb-1", channel: "#general", text: "hi" }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: "C1" });
  });

  it("answers incoming webhooks with plain-text ok and plain-text errors", async () => {
    const ok = await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "hi" }) });
    expect([ok.status, await ok.text()]).toEqual([200, "ok"]);
    const bad = await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect([bad.status, await bad.text()]).toEqual([400, "invalid_payload"]);
    const gone = await fetch(`${fake.url}/services/T9/B9/zzz`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect([gone.status, await gone.text()]).toEqual([404, "no_service"]);
    fake.rateLimitNext(1, 4);
    const limited = await fetch(hook, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hi" }),
    });
    expect([limited.status, limited.headers.get("retry-after"), await limited.text()]).toEqual([429, "4", "rate_limited"]);
  });
});
