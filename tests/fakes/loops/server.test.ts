import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOOPS_FAKE_KEY, LOOPS_SANDBOX, LoopsFake } from "./server";

/** The fake's own contract, over raw HTTP: what Loops documents, the fake must answer. */

// Above Loops' 10/s so a test's own burst of calls is not limited; the default is tested beside the nodes.
const fake = new LoopsFake({ ratePerSecond: 50 });
beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  fake.addTransactional({ id: "cltx", name: "T", dataVariables: ["name"] });
});

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${LOOPS_FAKE_KEY}`, "content-type": "application/json", ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

describe("Loops fake contract", () => {
  it("answers 401 Invalid API key for a wrong key, with the rate headers", async () => {
    const res = await call("GET", "/v1/api-key", undefined, { authorization: "Bearer nope" });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: "Invalid API key", error: "Invalid API key" });
    expect(res.headers.get("x-ratelimit-limit")).toBe("50");
  });

  it("reports x-ratelimit-limit and a falling x-ratelimit-remaining", async () => {
    const a = await call("GET", "/v1/api-key");
    const b = await call("GET", "/v1/api-key");
    expect(a.body).toEqual({ success: true, teamName: "Switchyard fake team" });
    expect(Number(a.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(Number(b.headers.get("x-ratelimit-remaining")));
  });

  it("creates, refuses a duplicate with 409, finds as an array, upserts and deletes", async () => {
    const created = await call("POST", "/v1/contacts/create", { email: "a@example.com", plan: "pro" });
    expect(created.body).toEqual({ success: true, id: expect.any(String) as string });
    expect((await call("POST", "/v1/contacts/create", { email: "a@example.com" })).status).toBe(409);
    const found = await call("GET", "/v1/contacts/find?email=a%40example.com");
    expect(found.body).toEqual([expect.objectContaining({ email: "a@example.com", plan: "pro", source: "API", mailingLists: {} })]);
    expect((await call("GET", "/v1/contacts/find?email=nobody%40example.com")).body).toEqual([]);
    expect((await call("GET", "/v1/contacts/find?email=a%40example.com&userId=x")).status).toBe(400);
    await call("PUT", "/v1/contacts/update", { email: "a@example.com", plan: "team" });
    expect((await call("GET", "/v1/contacts/find?email=a%40example.com")).body).toEqual([expect.objectContaining({ plan: "team" })]);
    expect((await call("POST", "/v1/contacts/delete", { email: "a@example.com" })).body).toEqual({
      success: true,
      message: "Contact deleted.",
    });
    expect((await call("POST", "/v1/contacts/delete", { email: "a@example.com" })).status).toBe(404);
  });

  it("refuses values over 500 characters and invalid emails with 400", async () => {
    const long = await call("POST", "/v1/contacts/create", { email: "b@example.com", note: "x".repeat(501) });
    expect(long).toMatchObject({ status: 400, body: { success: false, message: "Some body key or value is longer than allowable" } });
    expect((await call("POST", "/v1/contacts/create", { email: "nope" })).status).toBe(400);
  });

  it("refuses a reused Idempotency-Key with 409 and a key over 100 characters with 400", async () => {
    const send = (key: string) =>
      call(
        "POST",
        "/v1/transactional",
        { transactionalId: "cltx", email: "a@example.com", dataVariables: { name: "A" } },
        { "idempotency-key": key },
      );
    expect((await send("k1")).status).toBe(200);
    const again = await send("k1");
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ success: false });
    expect((await send("k".repeat(101))).status).toBe(400);
    expect(fake.sentEmails).toHaveLength(1);
  });

  it("answers transactional errors in Loops' shapes", async () => {
    expect(await call("POST", "/v1/transactional", { transactionalId: "missing", email: "a@example.com" })).toMatchObject({
      status: 404,
      body: { success: false, type: "error", path: "transactionalId" },
    });
    expect(await call("POST", "/v1/transactional", { transactionalId: "cltx", email: "a@example.com" })).toMatchObject({
      status: 400,
      body: {
        success: false,
        type: "nestedError",
        error: { path: "dataVariables", message: "Missing required fields: name" },
        transactionalId: "cltx",
      },
    });
  });

  it("creates the contact of an event when it does not exist", async () => {
    expect(
      (await call("POST", "/v1/events/send", { eventName: "signup", email: "new@example.com", eventProperties: { plan: "pro" } })).status,
    ).toBe(200);
    expect(fake.findContact({ email: "new@example.com" })).toBeDefined();
    expect(fake.events).toEqual([expect.objectContaining({ eventName: "signup", eventProperties: { plan: "pro" } })]);
    expect(
      (await call("POST", "/v1/events/send", { eventName: "x", email: "new@example.com", eventProperties: { o: { a: 1 } } })).status,
    ).toBe(400);
  });

  it("answers 405 for a known path with the wrong method and 404 for unknown paths", async () => {
    expect((await call("GET", "/v1/contacts/create")).status).toBe(405);
    expect((await call("GET", "/v1/nowhere")).status).toBe(404);
  });

  it("scripts 429 (rate headers, no Retry-After) and 5xx", async () => {
    fake.rateLimitNext(1).serverErrorNext(1, 502);
    const limited = await call("GET", "/v1/api-key");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("retry-after")).toBeNull();
    expect((await call("GET", "/v1/api-key")).status).toBe(502);
    expect((await call("GET", "/v1/api-key")).status).toBe(200);
  });
});

describe("Loops sandbox", () => {
  it("starts standalone, prints its URL and serves the seeded transactional email", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fakes/loops/server.ts", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]!);
        });
        child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/api/v1/transactional`, {
        method: "POST",
        headers: { authorization: `Bearer ${LOOPS_FAKE_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ transactionalId: LOOPS_SANDBOX.transactionalId, email: "a@example.com", dataVariables: { name: "A" } }),
      });
      expect(res.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
