import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RateLimitedError, ValidationError } from "@/lib/engine/errors";
import { notionCredentialFor } from "@/tests/fakes/notion/credential";
import { NotionFake } from "@/tests/fakes/notion/server";
import { createRecordingClock, createTestContext, runNode } from "../shared/test-context";
import { notionQueryDatabase } from "./query-database";

const fake = new NotionFake();
let databaseId = "";
let dataSourceId = "";

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());

beforeEach(() => {
  fake.reset();
  fake.clearData();
  ({ databaseId, dataSourceId } = fake.seedDatabase({ title: "Leads", properties: { Name: "title", Score: "number", Status: "select" } }));
  for (let i = 0; i < 250; i++) {
    fake.seedRow(dataSourceId, {
      Name: { title: [{ text: { content: `Lead ${i}` } }] },
      Score: { number: i },
      Status: { select: { name: i % 2 === 0 ? "Hot" : "Cold" } },
    });
  }
  fake.requests.length = 0;
});

const ctx = (clock = createRecordingClock()) => createTestContext({ credential: notionCredentialFor(fake), clock });

describe("notion.database.query", () => {
  it("looks up the data source, then sends the query with the version and token headers", async () => {
    const out = await runNode(notionQueryDatabase, ctx(), {
      database: databaseId.replace(/-/g, ""),
      filter: { property: "Status", select: { equals: "Hot" } },
      sorts: [{ property: "Score", direction: "descending" }],
      limit: 3,
    });
    const [lookup, query] = fake.requests;
    expect(fake.requests).toHaveLength(2);
    expect(lookup).toMatchObject({ method: "GET", path: `/v1/databases/${databaseId}` });
    expect(lookup!.headers.authorization).toBe("Bearer ntn_fake_switchyard_token");
    expect(lookup!.headers["notion-version"]).toBe("2025-09-03");
    expect(query).toMatchObject({ method: "POST", path: `/v1/data_sources/${dataSourceId}/query` });
    expect(query!.headers["notion-version"]).toBe("2025-09-03");
    expect(query!.headers["content-type"]).toBe("application/json");
    expect(query!.body).toEqual({
      page_size: 3,
      filter: { property: "Status", select: { equals: "Hot" } },
      sorts: [{ property: "Score", direction: "descending" }],
    });
    expect(out.results.map((r) => r.values.Score)).toEqual([248, 246, 244]);
    expect(out.results[0]!.values).toMatchObject({ Name: "Lead 248", Status: "Hot" });
    expect(out.hasMore).toBe(true);
  });

  it("follows the cursor to the end", async () => {
    const out = await runNode(notionQueryDatabase, ctx(), { database: databaseId, dataSourceId });
    const queries = fake.requests.filter((r) => r.path.endsWith("/query"));
    expect(fake.requests).toHaveLength(3);
    expect(queries.map((q) => (q.body as { page_size: number }).page_size)).toEqual([100, 100, 100]);
    expect((queries[0]!.body as Record<string, unknown>).start_cursor).toBeUndefined();
    expect((queries[1]!.body as Record<string, unknown>).start_cursor).toBe(out.results[100]!.id);
    expect((queries[2]!.body as Record<string, unknown>).start_cursor).toBe(out.results[200]!.id);
    expect(out.count).toBe(250);
    expect(new Set(out.results.map((r) => r.id)).size).toBe(250);
    expect(out.hasMore).toBe(false);
    expect(out.nextCursor).toBeNull();
  });

  it("stops at the limit, asking only for the rows still needed", async () => {
    const out = await runNode(notionQueryDatabase, ctx(), { database: databaseId, dataSourceId, limit: 130 });
    expect(fake.requests.map((q) => (q.body as { page_size: number }).page_size)).toEqual([100, 30]);
    expect(out.count).toBe(130);
    expect(out.hasMore).toBe(true);
    expect(out.nextCursor).toEqual(expect.any(String));
  });

  it("waits out a 429 on a later page and continues where it stopped", async () => {
    const clock = createRecordingClock();
    // The first page goes through; the second is refused once with Retry-After: 2.
    let calls = 0;
    const scripted = createTestContext({
      credential: notionCredentialFor(fake),
      clock,
      fetch: (url, init) => {
        calls++;
        if (calls === 2) fake.rateLimitNext(1, 2);
        return fetch(url, init);
      },
    });
    const out = await runNode(notionQueryDatabase, scripted, { database: databaseId, dataSourceId });
    expect(out.count).toBe(250);
    expect(clock.sleeps).toEqual([2000]);
    expect(fake.requests.map((r) => (r.body as { start_cursor?: string }).start_cursor ?? null)).toEqual([
      null,
      out.results[100]!.id,
      out.results[100]!.id,
      out.results[200]!.id,
    ]);
  });

  it("surfaces a 429 on the first page to the engine with the Retry-After wait", async () => {
    fake.rateLimitNext(1, 7);
    const err = await runNode(notionQueryDatabase, ctx(), { database: databaseId, dataSourceId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it("asks for a data source when the database has several, before querying", async () => {
    const multi = fake.seedDatabase({ title: "Multi", properties: { Name: "title" }, extraDataSources: [{ name: "Archive" }] });
    fake.requests.length = 0;
    const err = await runNode(notionQueryDatabase, ctx(), { database: multi.databaseId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).path).toEqual(["dataSourceId"]);
    expect((err as Error).message).toContain("Archive");
    expect(fake.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("refuses a database that is not an id or link without calling Notion", async () => {
    const err = await runNode(notionQueryDatabase, ctx(), { database: "my leads" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(fake.requests).toHaveLength(0);
  });

  it("maps Notion's validation error on a bad filter to ValidationError", async () => {
    const err = await runNode(notionQueryDatabase, ctx(), {
      database: databaseId,
      dataSourceId,
      filter: { property: "Nope", rich_text: { equals: "x" } },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain("Could not find property with name or id: Nope");
  });
});
