import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as workspaceRoute from "@/app/api/w/[ws]/route";
import * as transferRoute from "@/app/api/w/[ws]/transfer-ownership/route";
import * as membersRoute from "@/app/api/w/[ws]/members/route";
import * as memberRoute from "@/app/api/w/[ws]/members/[userId]/route";
import * as invitationsRoute from "@/app/api/w/[ws]/invitations/route";
import * as flowsRoute from "@/app/api/w/[ws]/flows/route";
import * as flowRoute from "@/app/api/w/[ws]/flows/[flowId]/route";
import * as versionsRoute from "@/app/api/w/[ws]/flows/[flowId]/versions/route";
import * as versionRoute from "@/app/api/w/[ws]/flows/[flowId]/versions/[n]/route";
import * as restoreRoute from "@/app/api/w/[ws]/flows/[flowId]/versions/[n]/restore/route";
import { ACTIONS, can, type Action } from "@/lib/server/authz/permissions";
import { requireMember } from "@/lib/server/authz/require-member";
import { ROLES, type Role } from "@/lib/server/authz/roles";
import { createFlow, createVersion } from "@/lib/server/flows";
import type { Db } from "@/lib/server/db/client";
import { testProviders } from "@/tests/db/test-database";
import {
  addMember,
  call,
  createUser,
  errorOf,
  sessionCookie,
  startTestApp,
  type CallResult,
  type TestApp,
  type TestUser,
} from "../support/test-app";

interface Fixture {
  db: Db;
  owner: TestUser;
  users: Record<Role, TestUser>;
  cookies: Record<Role, string>;
  ws: string;
  workspaceId: string;
  flowId: string;
  target: TestUser;
}

/** A fresh workspace where `user` has `role` (besides its owner): for actions that destroy it. */
async function scratchWorkspace(f: Fixture, role: Role): Promise<{ slug: string; id: string }> {
  const owner = role === "owner" ? f.users.owner : f.owner;
  const { workspace } = await import("@/lib/server/workspaces/workspace-service").then(async (m) => ({
    workspace: await m.createWorkspace(f.db, owner.id, `Scratch ${role}`),
  }));
  if (role !== "owner") await addMember(f.db, workspace.id, f.users[role].id, role);
  await addMember(f.db, workspace.id, f.target.id, "viewer");
  return workspace;
}

const ctxOf = (f: Fixture, user: TestUser) => ({
  db: f.db,
  caller: { userId: user.id, email: user.email, name: null, via: "session" as const },
});

/** Each HTTP operation of this part of the API with the action that guards it. */
const OPERATIONS: { name: string; action: Action; run: (f: Fixture, role: Role) => Promise<CallResult> }[] = [
  {
    name: "GET workspace",
    action: "workspace:read",
    run: (f, r) => call(workspaceRoute.GET, { params: { ws: f.ws }, auth: f.cookies[r] }),
  },
  { name: "GET flows", action: "workspace:read", run: (f, r) => call(flowsRoute.GET, { params: { ws: f.ws }, auth: f.cookies[r] }) },
  {
    name: "GET flow",
    action: "workspace:read",
    run: (f, r) => call(flowRoute.GET, { params: { ws: f.ws, flowId: f.flowId }, auth: f.cookies[r] }),
  },
  {
    name: "GET versions",
    action: "workspace:read",
    run: (f, r) => call(versionsRoute.GET, { params: { ws: f.ws, flowId: f.flowId }, auth: f.cookies[r], path: "/x" }),
  },
  {
    name: "GET version 1",
    action: "workspace:read",
    run: (f, r) => call(versionRoute.GET, { params: { ws: f.ws, flowId: f.flowId, n: "1" }, auth: f.cookies[r] }),
  },
  { name: "GET members", action: "workspace:read", run: (f, r) => call(membersRoute.GET, { params: { ws: f.ws }, auth: f.cookies[r] }) },
  {
    name: "POST flow",
    action: "flow:write",
    run: (f, r) => call(flowsRoute.POST, { method: "POST", params: { ws: f.ws }, body: { name: `by ${r}` }, auth: f.cookies[r] }),
  },
  {
    name: "PUT flow draft",
    action: "flow:write",
    run: async (f, r) => {
      const flow = await f.db.flow.findUniqueOrThrow({ where: { id: f.flowId } });
      const document = { schema: "switchyard.flow/v1", name: `edited by ${r}`, nodes: [], edges: [] };
      return call(flowRoute.PUT, {
        method: "PUT",
        params: { ws: f.ws, flowId: f.flowId },
        body: { document, draftRevision: flow.draftRevision },
        auth: f.cookies[r],
      });
    },
  },
  {
    name: "POST version",
    action: "flow:write",
    run: (f, r) =>
      call(versionsRoute.POST, { method: "POST", params: { ws: f.ws, flowId: f.flowId }, body: { message: r }, auth: f.cookies[r] }),
  },
  {
    name: "POST restore",
    action: "flow:write",
    run: (f, r) => call(restoreRoute.POST, { method: "POST", params: { ws: f.ws, flowId: f.flowId, n: "1" }, auth: f.cookies[r] }),
  },
  {
    name: "DELETE flow",
    action: "flow:write",
    run: async (f, r) => {
      const flow = await createFlow(ctxOf(f, f.owner), f.ws, { name: "to delete" });
      return call(flowRoute.DELETE, { method: "DELETE", params: { ws: f.ws, flowId: flow.id }, auth: f.cookies[r] });
    },
  },
  {
    name: "GET invitations",
    action: "member:manage",
    run: (f, r) => call(invitationsRoute.GET, { params: { ws: f.ws }, auth: f.cookies[r] }),
  },
  {
    name: "POST invitation",
    action: "member:manage",
    run: (f, r) =>
      call(invitationsRoute.POST, {
        method: "POST",
        params: { ws: f.ws },
        body: { email: `invitee-${r}@example.test`, role: "viewer" },
        auth: f.cookies[r],
      }),
  },
  {
    name: "PATCH member role",
    action: "member:manage",
    run: (f, r) =>
      call(memberRoute.PATCH, { method: "PATCH", params: { ws: f.ws, userId: f.target.id }, body: { role: "runner" }, auth: f.cookies[r] }),
  },
  {
    name: "DELETE member",
    action: "member:manage",
    run: async (f, r) => {
      const scratch = await scratchWorkspace(f, r);
      return call(memberRoute.DELETE, { method: "DELETE", params: { ws: scratch.slug, userId: f.target.id }, auth: f.cookies[r] });
    },
  },
  {
    name: "PATCH workspace",
    action: "workspace:update",
    run: (f, r) =>
      call(workspaceRoute.PATCH, { method: "PATCH", params: { ws: f.ws }, body: { name: `Renamed by ${r}` }, auth: f.cookies[r] }),
  },
  {
    name: "POST transfer-ownership",
    action: "workspace:own",
    run: async (f, r) => {
      const scratch = await scratchWorkspace(f, r);
      return call(transferRoute.POST, { method: "POST", params: { ws: scratch.slug }, body: { userId: f.target.id }, auth: f.cookies[r] });
    },
  },
  {
    name: "DELETE workspace",
    action: "workspace:own",
    run: async (f, r) => {
      const scratch = await scratchWorkspace(f, r);
      return call(workspaceRoute.DELETE, { method: "DELETE", params: { ws: scratch.slug }, auth: f.cookies[r] });
    },
  },
];

describe.each(await testProviders())("the role matrix of SPEC §8 on %s", (provider) => {
  let app: TestApp;
  const f = {} as Fixture;
  beforeAll(async () => {
    app = await startTestApp(provider);
    f.db = app.db;
    f.owner = await createUser(app.db, { name: "Owner" });
    f.ws = f.owner.workspace.slug;
    f.workspaceId = f.owner.workspace.id;
    f.users = { owner: f.owner } as Record<Role, TestUser>;
    f.cookies = { owner: await sessionCookie(f.owner.id) } as Record<Role, string>;
    for (const role of ROLES.filter((r) => r !== "owner")) {
      f.users[role] = await createUser(app.db, { name: role });
      f.cookies[role] = await sessionCookie(f.users[role].id);
      await addMember(app.db, f.workspaceId, f.users[role].id, role);
    }
    f.target = await createUser(app.db, { name: "Target" });
    await addMember(app.db, f.workspaceId, f.target.id, "viewer");
    const flow = await createFlow(ctxOf(f, f.owner), f.ws, { name: "Matrix flow" });
    f.flowId = flow.id;
    await createVersion(ctxOf(f, f.owner), f.ws, flow.id, { message: "v1" });
  });
  afterAll(() => app.close());

  it("requireMember allows exactly the roles of each action and answers the others 403", async () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const attempt = requireMember(ctxOf(f, f.users[role]), f.ws, action);
        if (can(role, action)) await expect(attempt, `${role} ${action}`).resolves.toMatchObject({ role });
        else await expect(attempt, `${role} ${action}`).rejects.toMatchObject({ status: 403, code: "forbidden" });
      }
    }
  });

  it("every action of the table is exercised over HTTP", () => {
    const routed = new Set(OPERATIONS.map((o) => o.action));
    // flow:run and secret:* guard routes of the run and credential parts; requireMember covers them above.
    expect(ACTIONS.filter((a) => !routed.has(a)).sort()).toEqual(["flow:run", "secret:use", "secret:write"]);
  });

  for (const op of OPERATIONS) {
    for (const role of ROLES) {
      it(`${op.name} as ${role} → ${can(role, op.action) ? "allowed" : "403"}`, async () => {
        const result = await op.run(f, role);
        if (can(role, op.action)) {
          expect(result.status, JSON.stringify(result.body)).toBeGreaterThanOrEqual(200);
          expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
        } else {
          expect(result.status, JSON.stringify(result.body)).toBe(403);
          expect(errorOf(result).code).toBe("forbidden");
        }
      });
    }
  }
});
