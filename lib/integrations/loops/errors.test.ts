import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NetworkError, NotFoundError, RateLimitedError, ServerError } from "@/lib/engine/errors";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { loopsCredentialFor } from "@/tests/fakes/loops/credential";
import { LoopsFake } from "@/tests/fakes/loops/server";
import { createTestContext, runNode } from "../shared/test-context";
import { loopsCreateContact } from "./create-contact";
import { loopsDeleteContact } from "./delete-contact";
import { loopsFindContact } from "./find-contact";
import { loopsSendEvent } from "./send-event";
import { loopsSendTransactional } from "./send-transactional";
import { loopsUpdateContact } from "./update-contact";

/** Every operation against the same failure answers: the error class decides retries. */

const fake = new LoopsFake();
const welcome = "clwelcome0000000000000001";
beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  fake.addTransactional({ id: welcome, name: "Welcome", dataVariables: [] });
  fake.contacts.set("c1", {
    id: "c1",
    email: "known@example.com",
    firstName: null,
    lastName: null,
    source: "API",
    subscribed: true,
    userGroup: "",
    userId: "u_known",
    mailingLists: {},
    optInStatus: null,
  });
});

const operations: [string, AnyNodeDefinition, Record<string, unknown>][] = [
  ["create", loopsCreateContact, { email: "new@example.com" }],
  ["update", loopsUpdateContact, { email: "known@example.com", firstName: "K" }],
  ["find", loopsFindContact, { email: "known@example.com" }],
  ["delete", loopsDeleteContact, { email: "known@example.com" }],
  ["send transactional", loopsSendTransactional, { transactionalId: welcome, email: "known@example.com" }],
  ["send event", loopsSendEvent, { eventName: "signup", email: "known@example.com" }],
];

const run = (def: AnyNodeDefinition, config: Record<string, unknown>, apiKey?: string): Promise<unknown> =>
  runNode(def, createTestContext({ credential: loopsCredentialFor(fake, apiKey) }), config).catch((e: unknown) => e);

describe.each(operations)("loops %s", (_name, def, config) => {
  it("succeeds against the fake, which reports the rate headers", async () => {
    expect(await run(def, config)).not.toBeInstanceOf(Error);
    expect(fake.requests).toHaveLength(1);
  });

  it("maps 401 (bad key) to AuthError, without echoing the key", async () => {
    const err = await run(def, config, "wrong-key");
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toContain("Invalid API key");
    expect((err as Error).message).not.toContain("wrong-key");
  });

  it("maps 403 to AuthError", async () => {
    fake.failNext(1, { status: 403, body: { success: false, message: "API access is not enabled for this team." } });
    expect(await run(def, config)).toBeInstanceOf(AuthError);
  });

  it("maps 404 to NotFoundError naming the object", async () => {
    fake.failNext(1, { status: 404, body: { success: false, message: "Not found." } });
    const err = await run(def, config);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain("Loops");
  });

  it("maps Loops' bare 429 to RateLimitedError waiting one second (its window)", async () => {
    fake.rateLimitNext(1);
    const err = await run(def, config);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
  });

  it("maps 500 to retryable ServerError", async () => {
    fake.serverErrorNext(1, 500);
    const err = await run(def, config);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).retryable).toBe(true);
  });

  it("maps a refused connection to NetworkError", async () => {
    const credential = { ...loopsCredentialFor(fake), data: { apiKey: "k", baseUrl: "http://127.0.0.1:9/api" } };
    const err: unknown = await runNode(def, createTestContext({ credential }), config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });
});

describe("the fake's own rate limit", () => {
  it("answers 429 past ten requests in a second, with Loops' headers", async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        fetch(`${fake.url}/api/v1/api-key`, { headers: { authorization: "Bearer d2d561f5ff80136f69b4b5a31b9fb3c9" } }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const limited = replies.find((r) => r.status === 429)!;
    expect(limited.headers.get("x-ratelimit-limit")).toBe("10");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("retry-after")).toBeNull();
  });
});
