import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as variableRoute from "@/app/api/w/[ws]/variables/[name]/route";
import * as variablesRoute from "@/app/api/w/[ws]/variables/route";
import { createVariableStore } from "@/lib/server/variables/variable-store";
import { addMember, bearer, call, createUser, errorOf, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";

describe("workspace variables", () => {
  let app: TestApp;
  let owner: TestUser;
  const auth = { owner: "", runner: "", viewer: "", outsider: "" };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app.db);
    auth.owner = await bearer(app.db, owner.id);
    for (const role of ["runner", "viewer"] as const) {
      const user = await createUser(app.db);
      await addMember(app.db, owner.workspace.id, user.id, role);
      auth[role] = await bearer(app.db, user.id);
    }
    auth.outsider = await bearer(app.db, (await createUser(app.db)).id);
  });
  afterAll(() => app?.close());

  const put = (name: string, body: unknown, who: keyof typeof auth = "owner") =>
    call(variableRoute.PUT, { method: "PUT", params: { ws: owner.workspace.slug, name }, body, auth: auth[who] });

  it("creates, replaces, reads, lists and deletes JSON values", async () => {
    const table = { US: "United States", DE: "Germany" };
    expect((await put("countries", { value: table })).status).toBe(201);
    expect((await put("countries", { value: { ...table, FR: "France" } })).status).toBe(200);
    expect((await put("threshold", { value: null })).status).toBe(201);
    const got = await call(variableRoute.GET, { params: { ws: owner.workspace.slug, name: "countries" }, auth: auth.runner });
    expect(got.body).toMatchObject({ variable: { name: "countries", value: { US: "United States", DE: "Germany", FR: "France" } } });
    const list = await call(variablesRoute.GET, { params: { ws: owner.workspace.slug }, auth: auth.runner });
    expect((list.body as { variables: { name: string; value: unknown }[] }).variables.map((v) => [v.name, v.value])).toEqual([
      ["countries", { US: "United States", DE: "Germany", FR: "France" }],
      ["threshold", null],
    ]);
    const del = await call(variableRoute.DELETE, {
      method: "DELETE",
      params: { ws: owner.workspace.slug, name: "threshold" },
      auth: auth.owner,
    });
    expect(del.status).toBe(204);
    expect((await call(variableRoute.GET, { params: { ws: owner.workspace.slug, name: "threshold" }, auth: auth.owner })).status).toBe(404);
  });

  it("names what is wrong with a bad name or a missing value", async () => {
    const badName = await put("1bad-name", { value: 1 });
    expect(badName.status).toBe(400);
    expect(errorOf(badName).message).toContain("1bad-name");
    const missing = await put("ok", {});
    expect(missing.status).toBe(400);
    expect(errorOf(missing).message).toContain("`value`");
  });

  it("lets runners read but not write, and viewers and outsiders neither", async () => {
    await put("shared", { value: 1 });
    expect((await put("shared", { value: 2 }, "runner")).status).toBe(403);
    expect((await call(variablesRoute.GET, { params: { ws: owner.workspace.slug }, auth: auth.viewer })).status).toBe(403);
    expect((await call(variablesRoute.GET, { params: { ws: owner.workspace.slug }, auth: auth.outsider })).status).toBe(404);
    expect((await put("shared", { value: 3 }, "outsider")).status).toBe(404);
  });

  it("serves the engine's vars from the run's workspace only", async () => {
    const store = createVariableStore(app.db);
    const other = await createUser(app.db);
    await store.set("region", "eu", { workspaceId: owner.workspace.id });
    await store.set("region", "us", { workspaceId: other.workspace.id });
    expect(await store.get("region", { workspaceId: owner.workspace.id })).toBe("eu");
    expect((await store.all({ workspaceId: other.workspace.id })).region).toBe("us");
    expect(await store.get("region", {})).toBeUndefined();
    await expect(store.set("region", "x", {})).rejects.toThrow(/workspace/);
  });
});
