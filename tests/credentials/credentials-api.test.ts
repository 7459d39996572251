import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as credentialRoute from "@/app/api/w/[ws]/credentials/[id]/route";
import * as credentialTestRoute from "@/app/api/w/[ws]/credentials/[id]/test/route";
import * as credentialsRoute from "@/app/api/w/[ws]/credentials/route";
import * as unsavedTestRoute from "@/app/api/w/[ws]/credentials/test/route";
import { addMember, bearer, call, createUser, errorOf, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";

const TOKEN = "canaryTOKEN-7d1e55c0ffee42aa9b3c";

interface CredentialBody {
  id: string;
  type: string;
  name: string;
  fields: Record<string, unknown>;
  secrets: Record<string, { set: boolean; hint: string }>;
  createdBy: { id: string } | null;
  usedBy: { id: string; name: string }[];
}

describe("credentials API", () => {
  let app: TestApp;
  let owner: TestUser;
  let fake: DiscordFake;
  let hook: FakeWebhook;
  const auth: Record<"owner" | "editor" | "runner" | "viewer" | "outsider", string> = {
    owner: "",
    editor: "",
    runner: "",
    viewer: "",
    outsider: "",
  };

  beforeAll(async () => {
    process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    app = await startTestApp();
    fake = await new DiscordFake().start();
    hook = fake.addWebhook({ token: TOKEN });
    owner = await createUser(app.db);
    auth.owner = await bearer(app.db, owner.id);
    for (const role of ["editor", "runner", "viewer"] as const) {
      const user = await createUser(app.db);
      await addMember(app.db, owner.workspace.id, user.id, role);
      auth[role] = await bearer(app.db, user.id);
    }
    auth.outsider = await bearer(app.db, (await createUser(app.db)).id);
  });

  afterAll(async () => {
    await fake?.stop();
    await app?.close();
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS;
  });

  const ws = () => owner.workspace.slug;
  const create = (who: keyof typeof auth, body: unknown) =>
    call(credentialsRoute.POST, { method: "POST", params: { ws: ws() }, body, auth: auth[who] });

  it("creates a credential and answers with a masked hint only", async () => {
    const res = await create("editor", { type: "discord.webhook", name: "Alerts", data: { webhookUrl: fake.webhookUrl(hook) } });
    expect(res.status).toBe(201);
    const cred = (res.body as { credential: CredentialBody }).credential;
    expect(cred).toMatchObject({ type: "discord.webhook", name: "Alerts", fields: {}, usedBy: [] });
    expect(cred.id).toMatch(/^cred_/);
    expect(cred.secrets.webhookUrl).toEqual({ set: true, hint: "••••" + TOKEN.slice(-4) });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    const row = await app.db.credential.findUniqueOrThrow({ where: { id: cred.id } });
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(row.keyId).toMatch(/^k_/);
  });

  it("rejects an unknown type and invalid fields, naming the field", async () => {
    const unknownType = await create("owner", { type: "nope.type", name: "x", data: {} });
    expect(unknownType.status).toBe(400);
    expect(errorOf(unknownType).message).toContain("`type`");
    const badField = await create("owner", { type: "discord.webhook", name: "x", data: { webhookUrl: "https://example.com/not-a-hook" } });
    expect(badField.status).toBe(400);
    expect(errorOf(badField).message).toContain("`data.webhookUrl`");
  });

  it("keeps the secret when an update leaves it out, or echoes the masked hint", async () => {
    const created = (await create("owner", { type: "discord.webhook", name: "Keep", data: { webhookUrl: fake.webhookUrl(hook) } }))
      .body as {
      credential: CredentialBody;
    };
    const id = created.credential.id;
    const renamed = await call(credentialRoute.PUT, {
      method: "PUT",
      params: { ws: ws(), id },
      body: { name: "Renamed" },
      auth: auth.editor,
    });
    expect(renamed.status).toBe(200);
    const echoed = await call(credentialRoute.PUT, {
      method: "PUT",
      params: { ws: ws(), id },
      body: { data: { webhookUrl: created.credential.secrets.webhookUrl!.hint } },
      auth: auth.editor,
    });
    expect(echoed.status).toBe(200);
    const tested = await call(credentialTestRoute.POST, { method: "POST", params: { ws: ws(), id }, auth: auth.runner });
    expect(tested.body).toMatchObject({ result: { ok: true } });
    const after = await call(credentialRoute.GET, { params: { ws: ws(), id }, auth: auth.runner });
    expect((after.body as { credential: CredentialBody }).credential).toMatchObject({
      name: "Renamed",
      secrets: { webhookUrl: { set: true } },
    });
    expect((after.body as { credential: { lastUsedAt: string | null } }).credential.lastUsedAt).not.toBeNull();
  });

  it("replaces the secret when a new value is sent", async () => {
    const other = fake.addWebhook({ token: "another-token-0123456789abcdef" });
    const created = (await create("owner", { type: "discord.webhook", name: "Swap", data: { webhookUrl: fake.webhookUrl(hook) } }))
      .body as {
      credential: CredentialBody;
    };
    const id = created.credential.id;
    const res = await call(credentialRoute.PUT, {
      method: "PUT",
      params: { ws: ws(), id },
      body: { data: { webhookUrl: fake.webhookUrl(other) } },
      auth: auth.owner,
    });
    expect((res.body as { credential: CredentialBody }).credential.secrets.webhookUrl!.hint).toBe("••••cdef");
  });

  it("tests a connection and reports a failing one without the secret", async () => {
    const ok = await call(unsavedTestRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { type: "discord.webhook", data: { webhookUrl: fake.webhookUrl(hook) } },
      auth: auth.editor,
    });
    expect(ok.body).toMatchObject({ result: { ok: true, message: expect.stringContaining("Switchyard alerts") as string } });
    const wrong = `${fake.url}/api/webhooks/${hook.id}/wrong-${TOKEN}`;
    const bad = await call(unsavedTestRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { type: "discord.webhook", data: { webhookUrl: wrong } },
      auth: auth.editor,
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ result: { ok: false, category: "auth" } });
    expect(JSON.stringify(bad.body)).not.toContain(TOKEN);
  });

  it("refuses connection tests to private addresses unless allowed", async () => {
    process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "";
    const { resetConfigForTests } = await import("@/lib/server/config");
    resetConfigForTests();
    const before = fake.requests.length;
    try {
      const res = await call(unsavedTestRoute.POST, {
        method: "POST",
        params: { ws: ws() },
        body: { type: "discord.webhook", data: { webhookUrl: fake.webhookUrl(hook) } },
        auth: auth.editor,
      });
      expect(res.body).toMatchObject({ result: { ok: false, message: expect.stringMatching(/127\.0\.0\.1/) as string } });
      expect(fake.requests.length).toBe(before);
    } finally {
      process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
      resetConfigForTests();
    }
  });

  it("applies the role matrix: editors write, runners read and test, viewers and outsiders nothing", async () => {
    const created = (await create("owner", { type: "discord.webhook", name: "Roles", data: { webhookUrl: fake.webhookUrl(hook) } }))
      .body as {
      credential: CredentialBody;
    };
    const id = created.credential.id;
    const body = { type: "discord.webhook", name: "x", data: { webhookUrl: fake.webhookUrl(hook) } };
    expect((await create("runner", body)).status).toBe(403);
    expect((await create("viewer", body)).status).toBe(403);
    expect((await create("outsider", body)).status).toBe(404);
    expect((await call(credentialsRoute.GET, { params: { ws: ws() }, auth: auth.runner })).status).toBe(200);
    expect((await call(credentialsRoute.GET, { params: { ws: ws() }, auth: auth.viewer })).status).toBe(403);
    expect((await call(credentialsRoute.GET, { params: { ws: ws() }, auth: auth.outsider })).status).toBe(404);
    expect((await call(credentialRoute.GET, { params: { ws: ws(), id }, auth: auth.viewer })).status).toBe(403);
    expect(
      (await call(credentialRoute.PUT, { method: "PUT", params: { ws: ws(), id }, body: { name: "y" }, auth: auth.runner })).status,
    ).toBe(403);
    expect((await call(credentialRoute.DELETE, { method: "DELETE", params: { ws: ws(), id }, auth: auth.runner })).status).toBe(403);
    expect((await call(credentialTestRoute.POST, { method: "POST", params: { ws: ws(), id }, auth: auth.viewer })).status).toBe(403);
    expect((await call(credentialTestRoute.POST, { method: "POST", params: { ws: ws(), id }, auth: auth.outsider })).status).toBe(404);
    expect((await call(credentialRoute.GET, { params: { ws: ws(), id }, auth: "" })).status).toBe(401);
  });

  it("answers 404 for a credential id of another workspace", async () => {
    const stranger = await createUser(app.db);
    const theirs = await call(credentialsRoute.POST, {
      method: "POST",
      params: { ws: stranger.workspace.slug },
      body: { type: "discord.webhook", name: "Theirs", data: { webhookUrl: fake.webhookUrl(hook) } },
      auth: await bearer(app.db, stranger.id),
    });
    const id = (theirs.body as { credential: CredentialBody }).credential.id;
    const res = await call(credentialRoute.GET, { params: { ws: ws(), id }, auth: auth.owner });
    expect(res.status).toBe(404);
  });

  it("lists the flows that use a credential and refuses to delete it without force", async () => {
    const created = (await create("owner", { type: "discord.webhook", name: "Used", data: { webhookUrl: fake.webhookUrl(hook) } }))
      .body as {
      credential: CredentialBody;
    };
    const id = created.credential.id;
    const flow = await app.db.flow.create({
      data: {
        workspaceId: owner.workspace.id,
        name: "Notifier",
        draft: {
          schema: "switchyard.flow/v1",
          name: "Notifier",
          nodes: [],
          edges: [],
          settings: { onFailure: [{ notify: id }] },
        },
      },
    });
    const list = await call(credentialsRoute.GET, { params: { ws: ws() }, auth: auth.owner });
    const listed = (list.body as { credentials: CredentialBody[] }).credentials.find((c) => c.id === id)!;
    expect(listed.usedBy).toEqual([{ id: flow.id, name: "Notifier" }]);
    expect(listed.createdBy?.id).toBe(owner.id);
    const refused = await call(credentialRoute.DELETE, { method: "DELETE", params: { ws: ws(), id }, auth: auth.editor });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain("Notifier");
    const forced = await call(credentialRoute.DELETE, {
      method: "DELETE",
      path: "/?force=true",
      params: { ws: ws(), id },
      auth: auth.editor,
    });
    expect(forced.status).toBe(204);
    expect(await app.db.credential.findUnique({ where: { id } })).toBeNull();
  });

  it("detects a tampered ciphertext or a row moved to another workspace, and lets an editor re-enter it", async () => {
    const created = (await create("owner", { type: "discord.webhook", name: "Tamper", data: { webhookUrl: fake.webhookUrl(hook) } }))
      .body as {
      credential: CredentialBody;
    };
    const id = created.credential.id;
    const row = await app.db.credential.findUniqueOrThrow({ where: { id } });
    const bytes = Buffer.from(row.ciphertext, "base64");
    bytes[3] = bytes[3]! ^ 0xff;
    await app.db.credential.update({ where: { id }, data: { ciphertext: bytes.toString("base64") } });
    const tampered = await call(credentialTestRoute.POST, { method: "POST", params: { ws: ws(), id }, auth: auth.editor });
    expect(tampered.status).toBe(200);
    expect(tampered.body).toMatchObject({ result: { ok: false, category: "decryption" } });
    expect((tampered.body as { result: { message: string } }).result.message).toContain("integrity check");

    const repaired = await call(credentialRoute.PUT, {
      method: "PUT",
      params: { ws: ws(), id },
      body: { data: { webhookUrl: fake.webhookUrl(hook) } },
      auth: auth.editor,
    });
    expect(repaired.status).toBe(200);
    expect((await call(credentialTestRoute.POST, { method: "POST", params: { ws: ws(), id }, auth: auth.editor })).body).toMatchObject({
      result: { ok: true },
    });

    // The same, untouched ciphertext moved into another workspace's row does not decrypt there.
    const stranger = await createUser(app.db);
    const good = await app.db.credential.findUniqueOrThrow({ where: { id } });
    await app.db.credential.create({
      data: {
        ...good,
        id: `${id}_copy`,
        workspaceId: stranger.workspace.id,
        publicData: good.publicData ?? {},
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    const copied = await call(credentialTestRoute.POST, {
      method: "POST",
      params: { ws: stranger.workspace.slug, id: `${id}_copy` },
      auth: await bearer(app.db, stranger.id),
    });
    expect(copied.body).toMatchObject({ result: { ok: false, category: "decryption" } });
  });

  it("clears an optional field with null and refuses to clear a required one", async () => {
    const created = (await create("owner", { type: "discord.webhook", name: "Null", data: { webhookUrl: fake.webhookUrl(hook) } }))
      .body as {
      credential: CredentialBody;
    };
    const res = await call(credentialRoute.PUT, {
      method: "PUT",
      params: { ws: ws(), id: created.credential.id },
      body: { data: { webhookUrl: null } },
      auth: auth.owner,
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("`data.webhookUrl`");
  });
});
