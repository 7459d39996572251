import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as healthRoute } from "@/app/api/health/route";
import { route } from "@/lib/server/http/route";
import { readJson } from "@/lib/server/http/read-json";
import { call, errorOf, startTestApp, type CallOptions, type TestApp } from "./support/test-app";

describe("the error envelope", () => {
  it("turns an unexpected error into a 500 with a reference and without internals", async () => {
    const handler = route(() => Promise.reject(new Error("connection string postgres://user:pw@db/secret")));
    const result = await call(handler);
    expect(result.status).toBe(500);
    const err = errorOf(result);
    expect(err.code).toBe("internal");
    expect(err.message).toMatch(/reference [0-9a-f]{8}/);
    expect(JSON.stringify(result.body)).not.toMatch(/postgres|pw|stack|at /);
  });

  it("answers every malformed body with a 4xx that names the problem", async () => {
    const handler = route(async (req) =>
      Response.json(await readJson(req, z.object({ count: z.number().int() }).strict(), { maxBytes: 100 })),
    );
    const cases: [CallOptions<Record<string, never>>, number, string][] = [
      [{ method: "POST", rawBody: "{", headers: { "content-type": "application/json" } }, 400, "invalid_json"],
      [{ method: "POST", rawBody: "count=1", headers: { "content-type": "text/plain" } }, 415, "unsupported_media_type"],
      [
        { method: "POST", rawBody: JSON.stringify({ count: "x".repeat(200) }), headers: { "content-type": "application/json" } },
        413,
        "payload_too_large",
      ],
      [{ method: "POST", body: { count: 1.5 } }, 400, "validation_failed"],
      [{ method: "POST", body: [1] }, 400, "validation_failed"],
      [{ method: "POST", body: null }, 400, "validation_failed"],
    ];
    for (const [opts, status, code] of cases) {
      const result = await call(handler, opts);
      expect(result.status, code).toBe(status);
      expect(errorOf(result).code).toBe(code);
    }
    const ok = await call(handler, { method: "POST", body: { count: 2 } });
    expect(ok.body).toEqual({ count: 2 });
  });
});

describe("GET /api/health", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("sqlite");
  });
  afterAll(() => app.close());

  it("is 200 with the version when the database is reachable and migrated", async () => {
    const result = await call(healthRoute);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: "ok",
      database: { reachable: true, provider: "sqlite", migrationsApplied: true, pendingMigrations: [] },
      queue: { mode: "embedded" },
    });
    expect((result.body as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("is 503 when the database has pending migrations", async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${app.database.url.replace(/^file:/, "").replace(/test\.db$/, "empty.db")}`;
    try {
      const result = await call(healthRoute);
      expect(result.status).toBe(503);
      expect(result.body).toMatchObject({ status: "unavailable", database: { migrationsApplied: false } });
      expect((result.body as { database: { pendingMigrations: string[] } }).database.pendingMigrations.length).toBeGreaterThan(0);
    } finally {
      process.env.DATABASE_URL = previous;
    }
  });
});
