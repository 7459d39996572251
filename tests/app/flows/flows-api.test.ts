import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as flowsRoute from "@/app/api/w/[ws]/flows/route";
import * as flowRoute from "@/app/api/w/[ws]/flows/[flowId]/route";
import * as versionsRoute from "@/app/api/w/[ws]/flows/[flowId]/versions/route";
import * as versionRoute from "@/app/api/w/[ws]/flows/[flowId]/versions/[n]/route";
import * as restoreRoute from "@/app/api/w/[ws]/flows/[flowId]/versions/[n]/restore/route";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { FlowDetail, FlowVersionDetail, FlowVersionSummary } from "@/lib/server/flows";
import { testProviders } from "@/tests/db/test-database";
import {
  addMember,
  bearer,
  call,
  createUser,
  errorOf,
  sessionCookie,
  startTestApp,
  type TestApp,
  type TestUser,
} from "../support/test-app";

const doc = (name: string, nodeIds: string[] = []): FlowDocument => ({
  schema: "switchyard.flow/v1",
  name,
  nodes: nodeIds.map((id, i) => ({ id, type: "core.manual", typeVersion: 1, position: { x: i * 200, y: 0 }, config: {} })),
  edges: [],
});

describe.each(await testProviders())("the flows API on %s", (provider) => {
  let app: TestApp;
  let ana: TestUser;
  let ben: TestUser;
  let anaAuth: string;
  let benAuth: string;
  let ws: string;
  beforeAll(async () => {
    app = await startTestApp(provider);
    ana = await createUser(app.db, { name: "Ana" });
    ben = await createUser(app.db, { name: "Ben" });
    await addMember(app.db, ana.workspace.id, ben.id, "editor");
    ws = ana.workspace.slug;
    anaAuth = await sessionCookie(ana.id);
    benAuth = await bearer(app.db, ben.id);
  });
  afterAll(() => app.close());

  const create = async (body: unknown, auth = anaAuth) => call(flowsRoute.POST, { method: "POST", params: { ws }, body, auth });

  it("creates a flow from a name, from a raw flow document, and from { document }", async () => {
    const byName = await create({ name: "  Lead intake  " });
    expect(byName.status).toBe(201);
    const flow = (byName.body as { flow: FlowDetail }).flow;
    expect(flow).toMatchObject({
      name: "Lead intake",
      draftRevision: 1,
      latestVersion: 0,
      nodeCount: 0,
      draftUpdatedBy: { id: ana.id, name: "Ana" },
    });
    expect(flow.draft).toEqual(doc("Lead intake"));

    const raw = await create(doc("From document", ["start"]));
    expect(raw.status).toBe(201);
    expect((raw.body as { flow: FlowDetail }).flow).toMatchObject({ name: "From document", nodeCount: 1 });

    const wrapped = await create({ document: doc("Wrapped", ["a", "b"]) });
    expect((wrapped.body as { flow: FlowDetail }).flow.nodeCount).toBe(2);

    const list = await call(flowsRoute.GET, { params: { ws }, auth: benAuth });
    expect(list.status).toBe(200);
    expect((list.body as { flows: { name: string }[] }).flows.map((f) => f.name).sort()).toEqual([
      "From document",
      "Lead intake",
      "Wrapped",
    ]);
  });

  it("answers bad documents with 400 naming the field, never a 500", async () => {
    const badNode = await create({
      document: { ...doc("Bad"), nodes: [{ id: "1st", type: "x", typeVersion: 1, position: { x: 0, y: 0 }, config: {} }] },
    });
    expect(badNode.status).toBe(400);
    const err = errorOf(badNode);
    expect(err.code).toBe("validation_failed");
    expect(err.message).toContain("document.nodes.0.id");
    expect((err.details?.issues as { path: string }[])[0]?.path).toBe("document.nodes.0.id");

    const missing = await create({});
    expect(missing.status).toBe(400);
    expect((errorOf(missing).details?.issues as { path: string }[]).map((i) => i.path)).toContain("name");

    const unknownKey = await create({ name: "x", color: "red" });
    expect(unknownKey.status).toBe(400);

    const wrongType = await call(flowsRoute.POST, {
      method: "POST",
      params: { ws },
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      auth: anaAuth,
    });
    expect(wrongType.status).toBe(415);

    const tooBig = await call(flowsRoute.POST, {
      method: "POST",
      params: { ws },
      rawBody: JSON.stringify({ name: "x".repeat(6_000_000) }),
      headers: { "content-type": "application/json" },
      auth: anaAuth,
    });
    expect(tooBig.status).toBe(413);
  });

  it("saves drafts with optimistic concurrency: a stale revision gets 409 saying who saved and when", async () => {
    const flow = ((await create({ name: "Shared" })).body as { flow: FlowDetail }).flow;
    const put = (document: FlowDocument, draftRevision: number, auth: string, extra: Record<string, unknown> = {}) =>
      call(flowRoute.PUT, { method: "PUT", params: { ws, flowId: flow.id }, body: { document, draftRevision, ...extra }, auth });

    const first = await put(doc("Shared", ["byAna"]), 1, anaAuth);
    expect(first.status).toBe(200);
    expect((first.body as { flow: FlowDetail }).flow).toMatchObject({ draftRevision: 2, nodeCount: 1 });

    const stale = await put(doc("Shared", ["byBen"]), 1, benAuth);
    expect(stale.status).toBe(409);
    const err = errorOf(stale);
    expect(err.code).toBe("conflict");
    expect(err.message).toContain("Ana");
    expect(err.details).toMatchObject({ currentRevision: 2, yourRevision: 1, savedBy: { id: ana.id, name: "Ana" } });
    expect(typeof err.details?.savedAt).toBe("string");

    const stored = ((await call(flowRoute.GET, { params: { ws, flowId: flow.id }, auth: benAuth })).body as { flow: FlowDetail }).flow;
    expect(stored.draft.nodes.map((n) => n.id)).toEqual(["byAna"]);

    const retried = await put(doc("Renamed", ["byAna", "byBen"]), 2, benAuth);
    expect(retried.status).toBe(200);
    expect((retried.body as { flow: FlowDetail }).flow).toMatchObject({
      name: "Renamed",
      draftRevision: 3,
      draftUpdatedBy: { id: ben.id },
    });

    const noRevision = await call(flowRoute.PUT, {
      method: "PUT",
      params: { ws, flowId: flow.id },
      body: { document: doc("x") },
      auth: anaAuth,
    });
    expect(noRevision.status).toBe(400);
    expect((errorOf(noRevision).details?.issues as { path: string }[])[0]?.path).toBe("draftRevision");
  });

  it("keeps immutable numbered versions, reads them, and restores one into the draft", async () => {
    const flow = ((await create(doc("Versioned", ["one"]))).body as { flow: FlowDetail }).flow;
    const params = { ws, flowId: flow.id };
    const v1 = await call(versionsRoute.POST, { method: "POST", params, body: { message: "first" }, auth: anaAuth });
    expect(v1.status).toBe(201);
    expect((v1.body as { version: FlowVersionDetail }).version).toMatchObject({ version: 1, message: "first", author: { id: ana.id } });

    const saved = await call(flowRoute.PUT, {
      method: "PUT",
      params,
      body: { document: doc("Versioned", ["one", "two"]), draftRevision: 1, versionMessage: "second" },
      auth: benAuth,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      flow: { latestVersion: 2, draftRevision: 2 },
      version: { version: 2, message: "second", author: { id: ben.id } },
    });

    const v3 = await call(versionsRoute.POST, { method: "POST", params, auth: anaAuth });
    expect(v3.status).toBe(201);
    expect((v3.body as { version: FlowVersionDetail }).version).toMatchObject({ version: 3, message: null });

    const staleVersion = await call(versionsRoute.POST, { method: "POST", params, body: { draftRevision: 1 }, auth: anaAuth });
    expect(staleVersion.status).toBe(409);

    const history = await call(versionsRoute.GET, { params, auth: anaAuth, path: `/api/w/${ws}/flows/${flow.id}/versions?limit=2` });
    const page = history.body as { versions: FlowVersionSummary[]; nextBefore: number | null };
    expect(page.versions.map((v) => v.version)).toEqual([3, 2]);
    expect(page.nextBefore).toBe(2);
    const rest = await call(versionsRoute.GET, { params, auth: anaAuth, path: `/x?limit=2&before=2` });
    expect((rest.body as { versions: FlowVersionSummary[] }).versions.map((v) => v.version)).toEqual([1]);
    const badQuery = await call(versionsRoute.GET, { params, auth: anaAuth, path: `/x?limit=0` });
    expect(badQuery.status).toBe(400);
    expect((errorOf(badQuery).details?.issues as { path: string }[])[0]?.path).toBe("query.limit");

    const one = await call(versionRoute.GET, { params: { ...params, n: "1" }, auth: anaAuth });
    expect((one.body as { version: FlowVersionDetail }).version.document.nodes.map((n) => n.id)).toEqual(["one"]);
    expect((await call(versionRoute.GET, { params: { ...params, n: "99" }, auth: anaAuth })).status).toBe(404);
    expect((await call(versionRoute.GET, { params: { ...params, n: "abc" }, auth: anaAuth })).status).toBe(404);

    const restored = await call(restoreRoute.POST, { method: "POST", params: { ...params, n: "1" }, auth: anaAuth });
    expect(restored.status).toBe(200);
    const after = (restored.body as { flow: FlowDetail }).flow;
    expect(after.draft.nodes.map((n) => n.id)).toEqual(["one"]);
    expect(after).toMatchObject({ draftRevision: 3, latestVersion: 3 });
    // Restoring with a stale revision is refused rather than overwriting newer work.
    const staleRestore = await call(restoreRoute.POST, {
      method: "POST",
      params: { ...params, n: "2" },
      body: { draftRevision: 2 },
      auth: anaAuth,
    });
    expect(staleRestore.status).toBe(409);
    // Versions themselves never change.
    const v2 = await call(versionRoute.GET, { params: { ...params, n: "2" }, auth: anaAuth });
    expect((v2.body as { version: FlowVersionDetail }).version.document.nodes.map((n) => n.id)).toEqual(["one", "two"]);
  });

  it("deletes a flow with its versions", async () => {
    const flow = ((await create({ name: "Doomed" })).body as { flow: FlowDetail }).flow;
    await call(versionsRoute.POST, { method: "POST", params: { ws, flowId: flow.id }, auth: anaAuth });
    const deleted = await call(flowRoute.DELETE, { method: "DELETE", params: { ws, flowId: flow.id }, auth: anaAuth });
    expect(deleted.status).toBe(204);
    expect((await call(flowRoute.GET, { params: { ws, flowId: flow.id }, auth: anaAuth })).status).toBe(404);
    expect(await app.db.flowVersion.count({ where: { flowId: flow.id } })).toBe(0);
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const res = await call(flowsRoute.POST, {
      method: "POST",
      params: { ws },
      body: { name: "csrf" },
      auth: anaAuth,
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    const sameOrigin = await call(flowsRoute.POST, {
      method: "POST",
      params: { ws },
      body: { name: "ok" },
      auth: anaAuth,
      headers: { origin: "http://localhost:3000" },
    });
    expect(sameOrigin.status).toBe(201);
  });
});
