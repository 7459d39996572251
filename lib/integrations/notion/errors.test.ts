import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NetworkError, NotFoundError, RateLimitedError, ServerError } from "@/lib/engine/errors";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { notionCredentialFor } from "@/tests/fakes/notion/credential";
import { NotionFake } from "@/tests/fakes/notion/server";
import { createTestContext, runNode } from "../shared/test-context";
import { notionAppendBlocks } from "./append-blocks";
import { notionCreatePage } from "./create-page";
import { notionFindPage } from "./find-page";
import { notionGetPage } from "./get-page";
import { notionQueryDatabase } from "./query-database";
import { notionUpdatePage } from "./update-page";

/** Every operation against the same failure answers: the error class decides retries. */

const fake = new NotionFake({ restrictedTokens: ["ntn_restricted"] });
let ids = { databaseId: "", dataSourceId: "", pageId: "" };

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  const db = fake.seedDatabase({ title: "Leads", properties: { Name: "title", Email: "email" } });
  ids = { ...db, pageId: fake.seedRow(db.dataSourceId, { Name: { title: [{ text: { content: "Ada" } }] } }) };
});

const operations: [string, AnyNodeDefinition, () => Record<string, unknown>][] = [
  ["query", notionQueryDatabase, () => ({ database: ids.databaseId, dataSourceId: ids.dataSourceId })],
  ["create", notionCreatePage, () => ({ database: ids.databaseId, properties: { Name: "x" }, propertyTypes: { Name: "title" } })],
  ["update", notionUpdatePage, () => ({ pageId: ids.pageId, properties: { Name: "y" }, propertyTypes: { Name: "title" } })],
  [
    "find",
    notionFindPage,
    () => ({ database: ids.databaseId, dataSourceId: ids.dataSourceId, property: "Name", propertyType: "title", value: "Ada" }),
  ],
  ["append", notionAppendBlocks, () => ({ blockId: ids.pageId, blocks: [{ type: "paragraph", text: "hi" }] })],
  ["get", notionGetPage, () => ({ pageId: ids.pageId })],
];

const run = (def: AnyNodeDefinition, config: Record<string, unknown>, token?: string): Promise<unknown> =>
  runNode(def, createTestContext({ credential: notionCredentialFor(fake, token) }), config).catch((e: unknown) => e);

describe.each(operations)("notion %s", (_name, def, config) => {
  it("succeeds against the fake", async () => {
    const out = await run(def, config());
    expect(out).not.toBeInstanceOf(Error);
  });

  it("maps 401 (bad token) to AuthError, not retryable", async () => {
    const err = await run(def, config(), "ntn_wrong");
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).retryable).toBe(false);
    expect((err as Error).message).toContain("API token is invalid.");
    expect((err as Error).message).not.toContain("ntn_wrong");
  });

  it("maps 403 (integration without the capability) to AuthError", async () => {
    const err = await run(def, config(), "ntn_restricted");
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toContain("restricted_resource");
  });

  it("maps 404 to NotFoundError naming the object", async () => {
    fake.failNext(1, { status: 404, body: { object: "error", status: 404, code: "object_not_found", message: "Could not find object." } });
    const err = await run(def, config());
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(/(database|data source|page|block) "[0-9a-f-]{36}"/);
  });

  it("maps 429 to RateLimitedError with Retry-After", async () => {
    fake.rateLimitNext(1, 4);
    const err = await run(def, config());
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(4000);
  });

  it("maps 500 and 503 to retryable ServerError", async () => {
    fake.serverErrorNext(1, 500);
    const err500 = await run(def, config());
    expect(err500).toBeInstanceOf(ServerError);
    expect((err500 as ServerError).status).toBe(500);
    expect((err500 as ServerError).retryable).toBe(true);
    fake.serverErrorNext(1, 503);
    expect(await run(def, config())).toBeInstanceOf(ServerError);
  });

  it("maps a refused connection to retryable NetworkError", async () => {
    const credential = { ...notionCredentialFor(fake), data: { token: "ntn_fake_switchyard_token", baseUrl: "http://127.0.0.1:9" } };
    const err: unknown = await runNode(def, createTestContext({ credential }), config()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).retryable).toBe(true);
  });
});

describe("notion credential", () => {
  it("refuses a node whose credential is of another type", async () => {
    const credential = { id: "c", type: "loops.api-key", data: { apiKey: "k" }, secrets: ["k"] };
    const err = await runNode(notionGetPage, createTestContext({ credential }), { pageId: ids.pageId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(fake.requests).toHaveLength(0);
  });
});
