import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NOTION_FAKE_TOKEN, NOTION_SANDBOX, NotionFake } from "./server";

/** The fake's own contract, over raw HTTP: what Notion documents, the fake must answer. */

const fake = new NotionFake({ restrictedTokens: ["ntn_restricted"] });
let db = { databaseId: "", dataSourceId: "" };

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.clearData();
  db = fake.seedDatabase({ title: "Tasks", properties: { Name: "title", Done: "checkbox", Points: "number" } });
});

const headers = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${NOTION_FAKE_TOKEN}`,
  "notion-version": "2025-09-03",
  "content-type": "application/json",
  ...extra,
});

async function call(method: string, path: string, body?: unknown, extra?: Record<string, string>, omit: string[] = []) {
  const h: Record<string, string> = headers(extra);
  for (const name of omit) delete h[name];
  const res = await fetch(`${fake.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe("Notion fake contract", () => {
  it("answers 401 unauthorized in Notion's error envelope for a missing or wrong token", async () => {
    for (const res of [
      await call("GET", "/v1/users/me", undefined, {}, ["authorization"]),
      await call("GET", "/v1/users/me", undefined, { authorization: "Bearer x" }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ object: "error", status: 401, code: "unauthorized", message: "API token is invalid." });
      expect(res.body.request_id).toEqual(expect.any(String));
    }
  });

  it("requires Notion-Version (400 missing_version) and a known version", async () => {
    const missing = await call("GET", "/v1/users/me", undefined, {}, ["notion-version"]);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("missing_version");
    const unknown = await call("GET", "/v1/users/me", undefined, { "notion-version": "2019-01-01" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("validation_error");
    expect((await call("GET", "/v1/users/me", undefined, { "notion-version": "2022-06-28" })).status).toBe(200);
  });

  it("answers 403 restricted_resource for an integration without content capabilities", async () => {
    const res = await call("GET", `/v1/databases/${db.databaseId}`, undefined, { authorization: "Bearer ntn_restricted" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("restricted_resource");
  });

  it("answers 404 object_not_found for unknown and unshared objects, 400 for malformed ids and unknown URLs", async () => {
    const hidden = fake.seedDatabase({ title: "Private", properties: { Name: "title" }, shared: false });
    const unshared = await call("GET", `/v1/databases/${hidden.databaseId}`);
    expect(unshared.status).toBe(404);
    expect(unshared.body.code).toBe("object_not_found");
    expect(unshared.body.message).toContain(hidden.databaseId);
    expect((await call("GET", "/v1/pages/not-an-id")).body.code).toBe("validation_error");
    expect((await call("GET", "/v1/nowhere")).body.code).toBe("invalid_request_url");
  });

  it("returns a database's data sources in 2025-09-03 and its properties in 2022-06-28", async () => {
    expect((await call("GET", `/v1/databases/${db.databaseId}`)).body.data_sources).toEqual([{ id: db.dataSourceId, name: "Tasks" }]);
    const legacy = await call("GET", `/v1/databases/${db.databaseId}`, undefined, { "notion-version": "2022-06-28" });
    expect(Object.keys(legacy.body.properties as object)).toEqual(["Name", "Done", "Points"]);
    expect((await call("POST", `/v1/databases/${db.databaseId}/query`, {})).body.code).toBe("invalid_request_url");
    expect((await call("POST", `/v1/databases/${db.databaseId}/query`, {}, { "notion-version": "2022-06-28" })).status).toBe(200);
  });

  it("paginates queries with start_cursor / next_cursor / has_more and page_size ≤ 100", async () => {
    for (let i = 0; i < 5; i++) fake.seedRow(db.dataSourceId, { Points: { number: i } });
    const first = await call("POST", `/v1/data_sources/${db.dataSourceId}/query`, { page_size: 2 });
    expect(first.body).toMatchObject({ object: "list", has_more: true, type: "page_or_data_source" });
    expect((first.body.results as unknown[]).length).toBe(2);
    const seen: unknown[] = [...(first.body.results as { id: string }[]).map((r) => r.id)];
    let cursor = first.body.next_cursor as string | null;
    while (cursor) {
      const next = await call("POST", `/v1/data_sources/${db.dataSourceId}/query`, { page_size: 2, start_cursor: cursor });
      seen.push(...(next.body.results as { id: string }[]).map((r) => r.id));
      cursor = next.body.next_cursor as string | null;
      if (!cursor) expect(next.body.has_more).toBe(false);
    }
    expect(new Set(seen).size).toBe(5);
    const tooBig = await call("POST", `/v1/data_sources/${db.dataSourceId}/query`, { page_size: 101 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toContain("body.page_size should be ≤ `100`, instead was `101`");
    expect((await call("POST", `/v1/data_sources/${db.dataSourceId}/query`, { start_cursor: "bogus" })).body.code).toBe("validation_error");
  });

  it("filters and sorts", async () => {
    for (const [name, done, points] of [
      ["a", true, 3],
      ["b", false, 1],
      ["c", true, 2],
    ] as const) {
      fake.seedRow(db.dataSourceId, {
        Name: { title: [{ text: { content: name } }] },
        Done: { checkbox: done },
        Points: { number: points },
      });
    }
    const res = await call("POST", `/v1/data_sources/${db.dataSourceId}/query`, {
      filter: {
        and: [
          { property: "Done", checkbox: { equals: true } },
          { property: "Points", number: { greater_than: 0 } },
        ],
      },
      sorts: [{ property: "Points", direction: "ascending" }],
    });
    expect((res.body.results as { properties: { Points: { number: number } } }[]).map((r) => r.properties.Points.number)).toEqual([2, 3]);
  });

  it("enforces Notion's size limits with 400 validation_error", async () => {
    const long = await call("POST", "/v1/pages", {
      parent: { database_id: db.databaseId },
      properties: { Name: { title: [{ text: { content: "x".repeat(2001) } }] } },
    });
    expect(long.status).toBe(400);
    expect(long.body.message).toBe(
      "body failed validation: body.properties.Name.title[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );
    const page = fake.store.addPage({ title: "P" });
    const many = await call("PATCH", `/v1/blocks/${page}/children`, {
      children: Array.from({ length: 101 }, () => ({ paragraph: { rich_text: [] } })),
    });
    expect(many.status).toBe(400);
    expect(many.body.message).toContain("body.children.length should be ≤ `100`, instead was `101`");
    const wrongType = await call("POST", "/v1/pages", { parent: { database_id: db.databaseId }, properties: { Done: { number: 1 } } });
    expect(wrongType.body.message).toBe("Done is expected to be checkbox.");
  });

  it("keeps data: create, update and read back", async () => {
    const created = await call("POST", "/v1/pages", { parent: { data_source_id: db.dataSourceId }, properties: { Points: { number: 1 } } });
    const id = created.body.id as string;
    await call("PATCH", `/v1/pages/${id}`, { properties: { Done: { checkbox: true } } });
    const read = await call("GET", `/v1/pages/${id.replace(/-/g, "")}`);
    expect(read.body.properties).toMatchObject({ Points: { number: 1 }, Done: { checkbox: true }, Name: { title: [] } });
  });

  it("scripts 429 with Retry-After and 5xx, and records every request", async () => {
    fake.rateLimitNext(1, 3).serverErrorNext(1, 503);
    const limited = await call("GET", "/v1/users/me");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.body.code).toBe("rate_limited");
    const down = await call("GET", "/v1/users/me");
    expect(down.status).toBe(503);
    expect(down.body.code).toBe("service_unavailable");
    expect((await call("GET", "/v1/users/me")).status).toBe(200);
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/users/me", "/v1/users/me", "/v1/users/me"]);
  });

  it("enforces an optional per-second rate with 429 and Retry-After: 1", async () => {
    const limited = new NotionFake({ ratePerSecond: 3 });
    await limited.start();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () => fetch(`${limited.url}/v1/users/me`, { headers: headers() }).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    } finally {
      await limited.stop();
    }
  });
});

describe("Notion sandbox", () => {
  it("starts standalone, prints its URL and serves the seeded database", async () => {
    // Port 0 lets the system pick a free one; the sandbox prints where it listens.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fakes/notion/server.ts", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]!);
        });
        child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${firstLine}/v1/databases/${NOTION_SANDBOX.databaseId}`, { headers: headers() });
      expect(res.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
