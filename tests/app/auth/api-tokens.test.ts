import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listFlowsRoute } from "@/app/api/w/[ws]/flows/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/me/tokens/route";
import { DELETE as revokeTokenRoute } from "@/app/api/me/tokens/[tokenId]/route";
import { GET as meRoute } from "@/app/api/me/route";
import { authenticateApiToken } from "@/lib/server/tokens/token-service";
import { testProviders } from "@/tests/db/test-database";
import { call, createUser, errorOf, sessionCookie, startTestApp, type TestApp, type TestUser } from "../support/test-app";

describe.each(await testProviders())("personal API tokens on %s", (provider) => {
  let app: TestApp;
  let user: TestUser;
  let cookie: string;
  beforeAll(async () => {
    app = await startTestApp(provider);
    user = await createUser(app.db);
    cookie = await sessionCookie(user.id);
  });
  afterAll(() => app.close());

  it("is shown once, stored as its SHA-256, and authenticates the HTTP API", async () => {
    const created = await call(createTokenRoute, { method: "POST", body: { name: "CI" }, auth: cookie });
    expect(created.status).toBe(201);
    const { token, apiToken } = created.body as { token: string; apiToken: { id: string; prefix: string; lastUsedAt: string | null } };
    expect(token).toMatch(/^syd_/);
    expect(apiToken.lastUsedAt).toBeNull();

    const row = await app.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));

    const listed = await call(listTokensRoute, { auth: cookie });
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(12));

    const flows = await call(listFlowsRoute, { params: { ws: user.workspace.slug }, auth: `Bearer ${token}` });
    expect(flows.status).toBe(200);
    expect((flows.body as { flows: unknown[] }).flows).toEqual([]);

    const me = await call(meRoute, { auth: `Bearer ${token}` });
    expect(me.body).toMatchObject({ user: { id: user.id }, authenticatedWith: "token" });

    const used = await app.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
  });

  it("stops working once revoked, and another user cannot revoke it", async () => {
    const { token, apiToken } = (await call(createTokenRoute, { method: "POST", body: { name: "temp" }, auth: cookie })).body as {
      token: string;
      apiToken: { id: string };
    };
    const other = await createUser(app.db);
    const foreign = await call(revokeTokenRoute, {
      method: "DELETE",
      params: { tokenId: apiToken.id },
      auth: await sessionCookie(other.id),
    });
    expect(foreign.status).toBe(404);
    expect((await call(meRoute, { auth: `Bearer ${token}` })).status).toBe(200);

    const revoked = await call(revokeTokenRoute, { method: "DELETE", params: { tokenId: apiToken.id }, auth: cookie });
    expect(revoked.status).toBe(200);
    const after = await call(meRoute, { auth: `Bearer ${token}` });
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe("unauthorized");
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("rejects malformed, unknown and expired tokens", async () => {
    for (const auth of ["Bearer nope", "Bearer syd_" + "x".repeat(43), "Basic abc"]) {
      expect((await call(meRoute, { auth })).status).toBe(401);
    }
    const { token } = (await call(createTokenRoute, { method: "POST", body: { name: "short", expiresInDays: 1 }, auth: cookie })).body as {
      token: string;
    };
    expect(await authenticateApiToken(app.db, token)).toBeDefined();
    expect(await authenticateApiToken(app.db, token, new Date(Date.now() + 2 * 86_400_000))).toBeUndefined();
  });

  it("needs a session or token, and validates the body", async () => {
    expect((await call(listTokensRoute, {})).status).toBe(401);
    const bad = await call(createTokenRoute, { method: "POST", body: { name: "", expiresInDays: 0 }, auth: cookie });
    expect(bad.status).toBe(400);
    expect((errorOf(bad).details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["expiresInDays", "name"]);
  });
});
