import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError } from "@/lib/engine/errors";
import { NOTION_FAKE_TOKEN, NotionFake } from "@/tests/fakes/notion/server";
import { notionCredential } from "./auth";

const fake = new NotionFake();
beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const io = () => ({ fetch: globalThis.fetch.bind(globalThis), signal: new AbortController().signal });

describe("notion.api-token credential", () => {
  it("declares the token secret, Notion's rate and its headers", () => {
    expect(notionCredential.secretFields).toEqual(["token"]);
    expect(notionCredential.rateLimit).toEqual({ perSecond: 3 });
    expect(notionCredential.authenticate?.({ token: "t" })).toEqual({
      headers: { Authorization: "Bearer t", "Notion-Version": "2025-09-03" },
    });
  });

  it("checks the fields: token required, base URL http(s) only", () => {
    expect(notionCredential.fields.safeParse({ token: "" }).success).toBe(false);
    expect(notionCredential.fields.safeParse({ token: "t", baseUrl: "ftp://x" }).success).toBe(false);
    expect(notionCredential.fields.safeParse({ token: "t", baseUrl: fake.url }).success).toBe(true);
  });

  it("tests the connection with GET /v1/users/me", async () => {
    const result = await notionCredential.test!({ token: NOTION_FAKE_TOKEN, baseUrl: fake.url }, io());
    expect(result).toEqual({ ok: true, message: 'Connected as Switchyard fake integration in workspace "Fake workspace"' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/v1/users/me" });
    expect(fake.requests[0]!.headers["notion-version"]).toBe("2025-09-03");
  });

  it("fails the test with AuthError for a wrong token", async () => {
    await expect(notionCredential.test!({ token: "ntn_wrong", baseUrl: fake.url }, io())).rejects.toBeInstanceOf(AuthError);
  });
});
