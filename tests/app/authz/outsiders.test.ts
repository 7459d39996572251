import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlow, createVersion } from "@/lib/server/flows";
import { testProviders } from "@/tests/db/test-database";
import { call, createUser, errorOf, sessionCookie, startTestApp, bearer, type TestApp, type TestUser } from "../support/test-app";

const ROOT = path.resolve(__dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler file under app/api/w/[ws]: new routes join this test by existing. */
function workspaceRouteFiles(dir = path.join(ROOT, "app/api/w/[ws]")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return workspaceRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe.each(await testProviders())("people outside a workspace on %s", (provider) => {
  let app: TestApp;
  let owner: TestUser;
  let outsider: TestUser;
  let ids: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp(provider);
    owner = await createUser(app.db, { name: "Owner" });
    outsider = await createUser(app.db, { name: "Outsider" });
    const ctx = { db: app.db, caller: { userId: owner.id, email: owner.email, name: null, via: "session" as const } };
    const flow = await createFlow(ctx, owner.workspace.slug, { name: "Secret plans" });
    await createVersion(ctx, owner.workspace.slug, flow.id, {});
    const invitation = await app.db.invitation.create({
      data: {
        workspaceId: owner.workspace.id,
        email: "x@example.test",
        role: "viewer",
        tokenHash: "h".repeat(64),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    // Real ids of this workspace's objects; parameters of other parts (runs, nodes…) get a placeholder.
    ids = { ws: owner.workspace.slug, flowId: flow.id, n: "1", userId: owner.id, invitationId: invitation.id };
  });
  afterAll(() => app.close());

  const files = workspaceRouteFiles();
  it("finds the workspace routes", () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  for (const file of files) {
    const url = "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
    it(`${url}: 404 for a member of another workspace, 401 without credentials`, async () => {
      const mod = (await import(file)) as Partial<Record<(typeof METHODS)[number], Handler>>;
      const params = Object.fromEntries(
        [...url.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], ids[m[1] as string] ?? "placeholder-id"]),
      ) as Record<string, string>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      expect(exported.length).toBeGreaterThan(0);
      const auths = [await sessionCookie(outsider.id), await bearer(app.db, outsider.id)];
      for (const method of exported) {
        const handler = mod[method] as Handler;
        const body = method === "GET" || method === "DELETE" ? undefined : {};
        for (const auth of auths) {
          const result = await call(handler, { method, params, body, auth, path: url });
          expect(result.status, `${method} ${url}`).toBe(404);
          expect(errorOf(result).code).toBe("not_found");
          expect(JSON.stringify(result.body)).not.toContain("Secret plans");
        }
        const anonymous = await call(handler, { method, params, body, path: url });
        expect(anonymous.status, `anonymous ${method} ${url}`).toBe(401);
      }
    });
  }

  it("404 also for another workspace's flow id used under the caller's own workspace", async () => {
    const mod = (await import("@/app/api/w/[ws]/flows/[flowId]/route")) as unknown as { GET: Handler };
    const result = await call(mod.GET, {
      params: { ws: outsider.workspace.slug, flowId: ids.flowId as string },
      auth: await sessionCookie(outsider.id),
    });
    expect(result.status).toBe(404);
  });
});
