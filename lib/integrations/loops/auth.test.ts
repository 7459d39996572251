import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError } from "@/lib/engine/errors";
import { LOOPS_FAKE_KEY, LoopsFake } from "@/tests/fakes/loops/server";
import { loopsCredential } from "./auth";

const fake = new LoopsFake({ teamName: "Acme" });
beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const io = () => ({ fetch: globalThis.fetch.bind(globalThis), signal: new AbortController().signal });

describe("loops.api-key credential", () => {
  it("declares the key secret, Loops' rate and its header", () => {
    expect(loopsCredential.secretFields).toEqual(["apiKey"]);
    expect(loopsCredential.rateLimit).toEqual({ perSecond: 10 });
    expect(loopsCredential.authenticate?.({ apiKey: "k" })).toEqual({ headers: { Authorization: "Bearer k" } });
  });

  it("tests the connection with GET /v1/api-key", async () => {
    const result = await loopsCredential.test!({ apiKey: LOOPS_FAKE_KEY, baseUrl: `${fake.url}/api` }, io());
    expect(result).toEqual({ ok: true, message: 'Connected to the Loops team "Acme"' });
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/api/v1/api-key" });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${LOOPS_FAKE_KEY}`);
  });

  it("fails the test with AuthError for a wrong key", async () => {
    await expect(loopsCredential.test!({ apiKey: "nope", baseUrl: `${fake.url}/api` }, io())).rejects.toBeInstanceOf(AuthError);
  });
});
