import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import * as pauseRoute from "@/app/api/w/[ws]/triggers/[triggerId]/pause/route";
import { bearer, call, createUser, errorOf, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { chain, node } from "@/tests/runtime/support";
import { createHook, createSecret, respondFlow, send, standardSecret } from "./webhook-support";

describe("webhook triggers", () => {
  let app: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    user = await createUser(app.db);
  });

  afterAll(async () => {
    await closeRuntime(0);
    await app?.close();
  });

  const runsOf = (flowId: string) => app.db.run.findMany({ where: { flowId }, select: { id: true } });

  it("answers 202 with a run id at once; the run gets the request and completes", async () => {
    const { hookId, triggerId, flowId } = await createHook(app.db, user, { params: "merge" });
    const res = await send(hookId, {
      body: JSON.stringify({ amount: 150, name: "Ada" }),
      query: "source=test",
      headers: { authorization: "Bearer hidden", "x-custom": "kept" },
    });
    expect(res.status).toBe(202);
    const { runId, deliveryId } = res.body as { runId: string; deliveryId: string };
    expect(runId).toMatch(/^run_/);

    const delivery = await app.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(delivery).toMatchObject({ triggerId, runId, body: JSON.stringify({ amount: 150, name: "Ada" }) });
    expect(delivery.headers).toMatchObject({ "x-custom": "kept" });
    expect(delivery.headers).not.toHaveProperty("authorization");

    const run = await getRuntime().whenFinished(runId);
    expect(run?.state).toBe("completed");
    expect(run?.trigger).toEqual({ kind: "webhook", id: triggerId });
    expect(run?.params).toMatchObject({ amount: 150, name: "Ada", source: "test" });
    const request = run?.params.$webhook as Record<string, unknown>;
    expect(request).toMatchObject({ method: "POST", query: { source: "test" }, body: { amount: 150, name: "Ada" }, deliveryId });
    expect(request.headers).not.toHaveProperty("authorization");
    expect((await runsOf(flowId)).length).toBe(1);
    const trigger = await app.db.trigger.findUniqueOrThrow({ where: { id: triggerId } });
    expect(trigger.lastFiredAt).not.toBeNull();
  });

  it("in wait mode answers with the Respond to webhook node's status, headers and body", async () => {
    const { hookId } = await createHook(app.db, user, { response: { mode: "wait", timeoutMs: 20_000 } });
    const big = await send(hookId, { body: JSON.stringify({ amount: 500 }) });
    expect(big.status).toBe(201);
    expect(big.headers.get("x-flow")).toBe("big");
    expect(big.headers.get("content-type")).toContain("application/json");
    expect(big.body).toEqual({ big: true, amount: 500 });

    const small = await send(hookId, { body: JSON.stringify({ amount: 5 }) });
    expect(small.status).toBe(200);
    expect(small.headers.get("content-type")).toContain("text/plain");
    expect(small.body).toBe("small");
  });

  it("in wait mode answers 502 naming the run when it fails, and 504 when it is too slow", async () => {
    const failing = chain("Failing", [node("hook", "core.trigger.webhook"), node("boom", "core.flow.fail", { message: "no stock left" })]);
    const { hookId } = await createHook(app.db, user, { response: { mode: "wait" } }, failing);
    const res = await send(hookId, { body: "{}" });
    expect(res.status).toBe(502);
    const error = errorOf(res);
    expect(error.code).toBe("run_failed");
    expect(error.message).toContain("no stock left");
    expect(error.details).toMatchObject({ state: "failed" });
    expect(error.details!.runId).toMatch(/^run_/);

    const slow = chain("Slow", [node("hook", "core.trigger.webhook"), node("pause", "core.flow.wait", { seconds: 2 })]);
    const { hookId: slowHook } = await createHook(app.db, user, { response: { mode: "wait", timeoutMs: 200 } }, slow);
    const late = await send(slowHook, { body: "{}" });
    expect(late.status).toBe(504);
    expect(errorOf(late).code).toBe("run_timeout");
    const runId = errorOf(late).details!.runId as string;
    expect((await getRuntime().whenFinished(runId))?.state).toBe("completed");
  });

  describe("Standard Webhooks", () => {
    const secret = standardSecret();
    let hookId = "";
    let flowId = "";
    const signed = (id: string, body: string, at = new Date()) => ({
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    });

    beforeAll(async () => {
      const credentialId = await createSecret(app.db, user, secret);
      ({ hookId, flowId } = await createHook(app.db, user, { verification: { scheme: "standard-webhooks", credentialId } }));
    });

    it("takes a good signature once: a replayed webhook-id answers the first run and starts none", async () => {
      const body = JSON.stringify({ amount: 1 });
      const headers = signed("msg_replay_1", body);
      const first = await send(hookId, { body, headers });
      expect(first.status).toBe(202);
      const { runId } = first.body as { runId: string };
      const again = await send(hookId, { body, headers });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ runId, duplicate: true });
      expect((await runsOf(flowId)).map((r) => r.id)).toEqual([runId]);
      await getRuntime().whenFinished(runId);
      const stored = await app.db.webhookDelivery.findFirstOrThrow({ where: { messageId: "msg_replay_1" } });
      expect(stored.headers).not.toHaveProperty("webhook-signature");
      expect(stored.headers).toHaveProperty("webhook-id", "msg_replay_1");
    });

    it("refuses a wrong, missing or expired signature with 401 and starts no run", async () => {
      const before = (await runsOf(flowId)).length;
      const body = JSON.stringify({ amount: 2 });
      const tampered = await send(hookId, { body: JSON.stringify({ amount: 3 }), headers: signed("msg_bad", body) });
      expect(tampered.status).toBe(401);
      expect(errorOf(tampered).code).toBe("invalid_signature");

      const missing = await send(hookId, { body });
      expect(missing.status).toBe(401);
      expect(errorOf(missing).code).toBe("missing_signature");

      const old = await send(hookId, { body, headers: signed("msg_old", body, new Date(Date.now() - 6 * 60_000)) });
      expect(old.status).toBe(401);
      expect(errorOf(old).code).toBe("signature_expired");
      const future = await send(hookId, { body, headers: signed("msg_future", body, new Date(Date.now() + 6 * 60_000)) });
      expect(errorOf(future).code).toBe("signature_expired");

      const otherSecret = signed("msg_other", body);
      otherSecret["webhook-signature"] = new Webhook(standardSecret()).sign("msg_other", new Date(), body);
      expect((await send(hookId, { body, headers: otherSecret })).status).toBe(401);
      expect((await runsOf(flowId)).length).toBe(before);
    });
  });

  describe("GitHub X-Hub-Signature-256", () => {
    const secret = "github-webhook-secret-123";
    const sign = (body: string, key = secret) => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
    let hookId = "";
    let flowId = "";

    beforeAll(async () => {
      const credentialId = await createSecret(app.db, user, secret);
      ({ hookId, flowId } = await createHook(app.db, user, { verification: { scheme: "github", credentialId } }));
    });

    it("takes a good signature and de-duplicates on X-GitHub-Delivery", async () => {
      const body = JSON.stringify({ action: "opened", amount: 7 });
      const headers = { "x-hub-signature-256": sign(body), "x-github-delivery": "gh-delivery-1", "x-github-event": "issues" };
      const res = await send(hookId, { body, headers });
      expect(res.status).toBe(202);
      const again = await send(hookId, { body, headers });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ runId: (res.body as { runId: string }).runId, duplicate: true });
      expect((await runsOf(flowId)).length).toBe(1);
      await getRuntime().whenFinished((res.body as { runId: string }).runId);
    });

    it("refuses a wrong, malformed or missing signature with 401", async () => {
      const body = JSON.stringify({ amount: 8 });
      for (const header of [sign(body, "another-secret-value"), sign(`${body} `), "sha256=abc", "sha1=" + "0".repeat(40)]) {
        const res = await send(hookId, { body, headers: { "x-hub-signature-256": header } });
        expect(res.status, header).toBe(401);
      }
      const missing = await send(hookId, { body });
      expect(errorOf(missing).code).toBe("missing_signature");
      expect((await runsOf(flowId)).length).toBe(1);
    });
  });

  describe("header token", () => {
    const token = "a-shared-token-of-some-length";
    let hookId = "";
    let flowId = "";

    beforeAll(async () => {
      const credentialId = await createSecret(app.db, user, token);
      ({ hookId, flowId } = await createHook(app.db, user, {
        verification: { scheme: "header-token", header: "X-Hook-Token", credentialId },
      }));
    });

    it("takes the right token and keeps it out of the run and the stored delivery", async () => {
      const res = await send(hookId, { body: "{}", headers: { "x-hook-token": token } });
      expect(res.status).toBe(202);
      const { runId, deliveryId } = res.body as { runId: string; deliveryId: string };
      const run = await getRuntime().whenFinished(runId);
      expect(JSON.stringify(run?.params)).not.toContain(token);
      const delivery = await app.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      expect(JSON.stringify(delivery.headers)).not.toContain(token);
    });

    it("refuses a wrong, shorter, longer or missing token with 401", async () => {
      for (const given of ["wrong-token-of-the-same-size!", token.slice(0, 5), `${token}x`]) {
        const res = await send(hookId, { body: "{}", headers: { "x-hook-token": given } });
        expect(res.status, given).toBe(401);
        expect(errorOf(res).code).toBe("invalid_token");
      }
      const missing = await send(hookId, { body: "{}" });
      expect(errorOf(missing).code).toBe("missing_token");
      expect((await runsOf(flowId)).length).toBe(1);
    });
  });

  it("answers 413 past the body limit, from Content-Length or from the bytes read", async () => {
    const { hookId, triggerId } = await createHook(app.db, user, { maxBodyBytes: 100 });
    const big = JSON.stringify({ text: "x".repeat(200) });
    const streamed = await send(hookId, { body: big });
    expect(streamed.status).toBe(413);
    expect(errorOf(streamed)).toMatchObject({ code: "payload_too_large", details: { limitBytes: 100 } });
    const declared = await send(hookId, { body: big, headers: { "content-length": String(big.length) } });
    expect(declared.status).toBe(413);
    expect(await app.db.webhookDelivery.count({ where: { triggerId } })).toBe(0);
    const ok = await send(hookId, { body: JSON.stringify({ ok: 1 }) });
    expect(ok.status).toBe(202);
    expect((await getRuntime().whenFinished((ok.body as { runId: string }).runId))?.state).toBe("completed");
  });

  it("answers 429 with Retry-After past the hook's rate", async () => {
    const { hookId, flowId } = await createHook(app.db, user, { rateLimit: { perSecond: 0.5, burst: 2 } });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await send(hookId, { body: "{}" });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([202, 202, 429]);
    expect(limited!.headers.get("retry-after")).toBe("2");
    expect(errorOf(limited!)).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 2 } });
    const runs = await runsOf(flowId);
    expect(runs.length).toBe(2);
    for (const run of runs) await getRuntime().whenFinished(run.id);
  });

  it("answers clear 4xx errors for unknown, paused, wrong method, bad JSON and bad parameters", async () => {
    const unknown = await send("A".repeat(32), { body: "{}" });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe("not_found");
    expect((await send("short", { body: "{}" })).status).toBe(404);

    const { hookId: paused } = await createHook(app.db, user, {}, undefined, { paused: true });
    const pausedRes = await send(paused, { body: "{}" });
    expect(pausedRes.status).toBe(409);
    expect(errorOf(pausedRes).code).toBe("paused");

    const { hookId } = await createHook(
      app.db,
      user,
      { methods: ["POST", "PUT"] },
      respondFlow("With parameters", { parameters: { amount: { type: "number", required: true } } }),
    );
    const get = await send(hookId, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, PUT");

    const badJson = await send(hookId, { body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(errorOf(badJson).code).toBe("invalid_json");

    const badParam = await send(hookId, { body: JSON.stringify({ amount: "many", extra: 1 }) });
    expect(badParam.status).toBe(400);
    expect(errorOf(badParam)).toMatchObject({ code: "validation_failed", details: { issues: [{ path: "parameters.amount" }] } });

    const multipart = await send(hookId, { body: "--x--", headers: { "content-type": "multipart/form-data; boundary=x" } });
    expect(multipart.status).toBe(415);

    // Undeclared fields are left out of the parameters (they stay in the request).
    const put = await send(hookId, { method: "PUT", body: JSON.stringify({ amount: 3, extra: 1 }) });
    expect(put.status).toBe(202);
    const run = await getRuntime().whenFinished((put.body as { runId: string }).runId);
    expect(run?.params.amount).toBe(3);
    expect(run?.params).not.toHaveProperty("extra");
  });

  it("answers from a trigger paused through the API at once, not after the endpoint's cache expires", async () => {
    const { hookId, triggerId } = await createHook(app.db, user, {});
    expect((await send(hookId, { body: "{}" })).status).toBe(202);
    const pause = await call(pauseRoute.POST, {
      method: "POST",
      params: { ws: user.workspace.slug, triggerId },
      auth: await bearer(app.db, user.id),
    });
    expect(pause.status).toBe(200);
    const res = await send(hookId, { body: "{}" });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe("paused");
  });

  it("answers 409 for a trigger whose secret credential is gone", async () => {
    const { hookId } = await createHook(app.db, user, { verification: { scheme: "github", credentialId: "missing_credential" } });
    const res = await send(hookId, { body: "{}" });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe("hook_misconfigured");
  });
});
