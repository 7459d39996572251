import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as workspacesRoute from "@/app/api/workspaces/route";
import * as workspaceRoute from "@/app/api/w/[ws]/route";
import * as membersRoute from "@/app/api/w/[ws]/members/route";
import * as memberRoute from "@/app/api/w/[ws]/members/[userId]/route";
import * as invitationsRoute from "@/app/api/w/[ws]/invitations/route";
import * as invitationRoute from "@/app/api/w/[ws]/invitations/[invitationId]/route";
import * as transferRoute from "@/app/api/w/[ws]/transfer-ownership/route";
import * as previewRoute from "@/app/api/invitations/[token]/route";
import * as acceptRoute from "@/app/api/invitations/[token]/accept/route";
import { testProviders } from "@/tests/db/test-database";
import {
  addMember,
  call,
  createUser,
  errorOf,
  sessionCookie,
  startTestApp,
  uniqueEmail,
  type TestApp,
  type TestUser,
} from "../support/test-app";

describe.each(await testProviders())("workspaces, members and invitations on %s", (provider) => {
  let app: TestApp;
  let owner: TestUser;
  let ownerAuth: string;
  beforeAll(async () => {
    app = await startTestApp(provider);
    owner = await createUser(app.db, { name: "Olga" });
    ownerAuth = await sessionCookie(owner.id);
  });
  afterAll(() => app.close());

  it("creates, lists, renames and switches between workspaces", async () => {
    const created = await call(workspacesRoute.POST, { method: "POST", body: { name: "Growth Team" }, auth: ownerAuth });
    expect(created.status).toBe(201);
    const ws = (created.body as { workspace: { slug: string; role: string } }).workspace;
    expect(ws).toMatchObject({ slug: "growth-team", role: "owner" });
    const again = await call(workspacesRoute.POST, { method: "POST", body: { name: "Growth Team" }, auth: ownerAuth });
    expect((again.body as { workspace: { slug: string } }).workspace.slug).toMatch(/^growth-team-[0-9a-f]{4}$/);

    const list = await call(workspacesRoute.GET, { auth: ownerAuth });
    expect((list.body as { workspaces: { name: string }[] }).workspaces.map((w) => w.name)).toEqual([
      "Test workspace",
      "Growth Team",
      "Growth Team",
    ]);

    const renamed = await call(workspaceRoute.PATCH, {
      method: "PATCH",
      params: { ws: ws.slug },
      body: { name: "Growth" },
      auth: ownerAuth,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ workspace: { name: "Growth", slug: "growth-team" } });
    const bad = await call(workspaceRoute.PATCH, { method: "PATCH", params: { ws: ws.slug }, body: { name: " " }, auth: ownerAuth });
    expect(bad.status).toBe(400);
    expect((errorOf(bad).details?.issues as { path: string }[])[0]?.path).toBe("name");
    const audit = await app.db.auditEvent.findFirst({ where: { action: "workspace.renamed" } });
    expect(audit?.actorId).toBe(owner.id);
  });

  it("invites by single-use link bound to one email", async () => {
    const invited = await createUser(app.db, { name: "Ivan", email: uniqueEmail("ivan") });
    const stranger = await createUser(app.db, { name: "Sam" });
    const res = await call(invitationsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { email: invited.email.toUpperCase(), role: "runner" },
      auth: ownerAuth,
    });
    expect(res.status).toBe(201);
    const { url, invitation } = res.body as { url: string; invitation: { id: string; email: string } };
    expect(invitation.email).toBe(invited.email);
    const token = url.split("/invite/")[1] as string;
    expect(url).toBe(`http://localhost:3000/invite/${token}`);
    const stored = await app.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).not.toBe(token);

    const preview = await call(previewRoute.GET, { params: { token } });
    expect(preview.body).toMatchObject({ invitation: { workspaceName: "Test workspace", role: "runner" } });

    const wrongPerson = await call(acceptRoute.POST, { method: "POST", params: { token }, auth: await sessionCookie(stranger.id) });
    expect(wrongPerson.status).toBe(403);
    const accepted = await call(acceptRoute.POST, { method: "POST", params: { token }, auth: await sessionCookie(invited.id) });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ slug: owner.workspace.slug, role: "runner" });
    const reused = await call(acceptRoute.POST, { method: "POST", params: { token }, auth: await sessionCookie(invited.id) });
    expect(reused.status).toBe(404);
    expect((await call(acceptRoute.POST, { method: "POST", params: { token: "guessed" }, auth: ownerAuth })).status).toBe(404);

    const members = await call(membersRoute.GET, { params: { ws: owner.workspace.slug }, auth: await sessionCookie(invited.id) });
    expect((members.body as { members: { email: string; role: string }[] }).members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [invited.email, "runner"],
    ]);

    const again = await call(invitationsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { email: invited.email },
      auth: ownerAuth,
    });
    expect(again.status).toBe(409);
  });

  it("lists and revokes pending invitations; admins cannot invite owners", async () => {
    const admin = await createUser(app.db);
    await addMember(app.db, owner.workspace.id, admin.id, "admin");
    const adminAuth = await sessionCookie(admin.id);
    const tooHigh = await call(invitationsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { email: uniqueEmail(), role: "owner" },
      auth: adminAuth,
    });
    expect(tooHigh.status).toBe(403);
    const badRole = await call(invitationsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { email: uniqueEmail(), role: "god" },
      auth: adminAuth,
    });
    expect(badRole.status).toBe(400);
    expect((errorOf(badRole).details?.issues as { path: string }[])[0]?.path).toBe("role");

    const made = await call(invitationsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { email: uniqueEmail(), role: "viewer" },
      auth: adminAuth,
    });
    const id = (made.body as { invitation: { id: string } }).invitation.id;
    const pending = await call(invitationsRoute.GET, { params: { ws: owner.workspace.slug }, auth: ownerAuth });
    expect((pending.body as { invitations: { id: string }[] }).invitations.map((i) => i.id)).toContain(id);
    expect(
      (await call(invitationRoute.DELETE, { method: "DELETE", params: { ws: owner.workspace.slug, invitationId: id }, auth: adminAuth }))
        .status,
    ).toBe(204);
    expect(
      (await call(invitationRoute.DELETE, { method: "DELETE", params: { ws: owner.workspace.slug, invitationId: id }, auth: adminAuth }))
        .status,
    ).toBe(404);
  });

  it("changes roles and removes members within the owner rules", async () => {
    const boss = await createUser(app.db, { name: "Boss" });
    const bossAuth = await sessionCookie(boss.id);
    const admin = await createUser(app.db);
    const editor = await createUser(app.db);
    await addMember(app.db, boss.workspace.id, admin.id, "admin");
    await addMember(app.db, boss.workspace.id, editor.id, "editor");
    const adminAuth = await sessionCookie(admin.id);
    const ws = boss.workspace.slug;

    const promote = await call(memberRoute.PATCH, {
      method: "PATCH",
      params: { ws, userId: editor.id },
      body: { role: "viewer" },
      auth: adminAuth,
    });
    expect(promote.status).toBe(200);
    expect(promote.body).toMatchObject({ member: { userId: editor.id, role: "viewer" } });
    expect(
      (await call(memberRoute.PATCH, { method: "PATCH", params: { ws, userId: editor.id }, body: { role: "owner" }, auth: adminAuth }))
        .status,
    ).toBe(403);
    expect(
      (await call(memberRoute.PATCH, { method: "PATCH", params: { ws, userId: boss.id }, body: { role: "viewer" }, auth: adminAuth }))
        .status,
    ).toBe(403);
    expect((await call(memberRoute.DELETE, { method: "DELETE", params: { ws, userId: boss.id }, auth: adminAuth })).status).toBe(403);

    const lastOwner = await call(memberRoute.PATCH, {
      method: "PATCH",
      params: { ws, userId: boss.id },
      body: { role: "admin" },
      auth: bossAuth,
    });
    expect(lastOwner.status).toBe(409);
    expect(errorOf(lastOwner).message).toMatch(/at least one owner/);
    expect((await call(memberRoute.DELETE, { method: "DELETE", params: { ws, userId: boss.id }, auth: bossAuth })).status).toBe(409);
    expect(
      (await call(memberRoute.PATCH, { method: "PATCH", params: { ws, userId: "nobody" }, body: { role: "viewer" }, auth: bossAuth }))
        .status,
    ).toBe(404);

    // A viewer may leave; removing someone else needs member:manage.
    const viewerAuth = await sessionCookie(editor.id);
    expect((await call(memberRoute.DELETE, { method: "DELETE", params: { ws, userId: admin.id }, auth: viewerAuth })).status).toBe(403);
    expect((await call(memberRoute.DELETE, { method: "DELETE", params: { ws, userId: editor.id }, auth: viewerAuth })).status).toBe(204);
    expect((await call(workspaceRoute.GET, { params: { ws }, auth: viewerAuth })).status).toBe(404);
  });

  it("transfers ownership and deletes a workspace (owner only)", async () => {
    const first = await createUser(app.db);
    const second = await createUser(app.db);
    await addMember(app.db, first.workspace.id, second.id, "editor");
    const ws = first.workspace.slug;
    const transferred = await call(transferRoute.POST, {
      method: "POST",
      params: { ws },
      body: { userId: second.id },
      auth: await sessionCookie(first.id),
    });
    expect(transferred.status).toBe(204);
    const roles = await app.db.membership.findMany({ where: { workspaceId: first.workspace.id }, orderBy: { role: "asc" } });
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({ [first.id]: "admin", [second.id]: "owner" });

    expect((await call(workspaceRoute.DELETE, { method: "DELETE", params: { ws }, auth: await sessionCookie(first.id) })).status).toBe(403);
    expect((await call(workspaceRoute.DELETE, { method: "DELETE", params: { ws }, auth: await sessionCookie(second.id) })).status).toBe(
      204,
    );
    expect(await app.db.workspace.findUnique({ where: { id: first.workspace.id } })).toBeNull();
  });
});
