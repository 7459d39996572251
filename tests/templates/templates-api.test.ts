import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as credentialsRoute from "@/app/api/w/[ws]/credentials/route";
import * as flowRoute from "@/app/api/w/[ws]/flows/[flowId]/route";
import * as templatesRoute from "@/app/api/w/[ws]/templates/route";
import { addMember, bearer, call, createUser, errorOf, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";

/** The gallery's API: list templates, create a flow from one with the workspace's own credentials. */

const DATABASE = "5a1e5000-0000-4000-8000-00000000000a";

describe("templates API", () => {
  let app: TestApp;
  let owner: TestUser;
  let other: TestUser;
  const auth = { owner: "", editor: "", runner: "", outsider: "" };
  const creds = { notion: "", loops: "", discord: "", foreign: "" };

  const createCredential = async (who: string, ws: string, type: string, data: Record<string, unknown>) => {
    const res = await call(credentialsRoute.POST, { method: "POST", params: { ws }, body: { type, name: type, data }, auth: who });
    expect(res.status).toBe(201);
    return (res.body as { credential: { id: string } }).credential.id;
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app.db);
    auth.owner = await bearer(app.db, owner.id);
    for (const role of ["editor", "runner"] as const) {
      const user = await createUser(app.db);
      await addMember(app.db, owner.workspace.id, user.id, role);
      auth[role] = await bearer(app.db, user.id);
    }
    other = await createUser(app.db);
    auth.outsider = await bearer(app.db, other.id);
    const ws = owner.workspace.slug;
    creds.notion = await createCredential(auth.owner, ws, "notion.api-token", { token: "ntn_secret_notion_0001" });
    creds.loops = await createCredential(auth.owner, ws, "loops.api-key", { apiKey: "loops_secret_0001" });
    creds.discord = await createCredential(auth.owner, ws, "discord.webhook", {
      webhookUrl: "https://discord.com/api/webhooks/123456789012345678/hook-token",
    });
    creds.foreign = await createCredential(auth.outsider, other.workspace.slug, "notion.api-token", { token: "ntn_other_ws_0001" });
  });

  afterAll(async () => {
    await app?.close();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    templateId: "lead-opt-in",
    credentials: { notion: creds.notion, loops: creds.loops, discord: creds.discord },
    settings: { notionDatabase: DATABASE, loopsTransactionalId: "clwelcome01" },
    ...overrides,
  });
  const post = (who: keyof typeof auth, payload: unknown) =>
    call(templatesRoute.POST, { method: "POST", params: { ws: owner.workspace.slug }, body: payload, auth: auth[who] });

  it("lists the templates with what each needs, without the document", async () => {
    const res = await call(templatesRoute.GET, { params: { ws: owner.workspace.slug }, auth: auth.runner });
    expect(res.status).toBe(200);
    const { templates } = res.body as { templates: { id: string; credentials: { type: string }[]; nodeCount: number }[] };
    const lead = templates.find((t) => t.id === "lead-opt-in");
    expect(lead?.credentials.map((c) => c.type)).toEqual(["notion.api-token", "loops.api-key", "discord.webhook"]);
    expect(lead?.nodeCount).toBe(7);
    expect(lead).not.toHaveProperty("document");
  });

  it("creates a flow whose nodes use the chosen credentials", async () => {
    const res = await post("editor", body({ name: "Webinar leads" }));
    expect(res.status).toBe(201);
    const flow = (
      res.body as {
        flow: { id: string; name: string; draft: { nodes: { id: string; credential?: string; config: Record<string, unknown> }[] } };
      }
    ).flow;
    expect(flow.name).toBe("Webinar leads");
    const stored = await call(flowRoute.GET, { params: { ws: owner.workspace.slug, flowId: flow.id }, auth: auth.editor });
    const nodes = (stored.body as { flow: typeof flow }).flow.draft.nodes;
    expect(Object.fromEntries(nodes.filter((n) => n.credential).map((n) => [n.id, n.credential]))).toEqual({
      find_lead: creds.notion,
      create_lead: creds.notion,
      send_email: creds.loops,
      alert_team: creds.discord,
    });
    expect(nodes.find((n) => n.id === "find_lead")?.config.database).toBe(DATABASE);
  });

  it("answers 400 naming the slot for a missing, foreign or wrongly typed credential", async () => {
    const missing = await post("owner", body({ credentials: { notion: creds.notion, loops: creds.loops } }));
    expect(missing.status).toBe(400);
    expect(errorOf(missing).message).toContain("`credentials.discord`");

    const foreign = await post("owner", body({ credentials: { notion: creds.foreign, loops: creds.loops, discord: creds.discord } }));
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign).message).toContain("`credentials.notion` is not a credential of this workspace");

    const wrongType = await post("owner", body({ credentials: { notion: creds.loops, loops: creds.loops, discord: creds.discord } }));
    expect(wrongType.status).toBe(400);
    expect(errorOf(wrongType).message).toContain("`credentials.notion` must be a Notion credential");
  });

  it("answers 400 for a bad setting or body, and 404 for an unknown template", async () => {
    const setting = await post("owner", body({ settings: { notionDatabase: "leads", loopsTransactionalId: "x" } }));
    expect(setting.status).toBe(400);
    expect(errorOf(setting).message).toContain("`settings.notionDatabase`");
    const shape = await post("owner", { ...body(), extra: true });
    expect(shape.status).toBe(400);
    const unknown = await post("owner", body({ templateId: "no-such-template" }));
    expect(unknown.status).toBe(404);
  });

  it("lets runners list but not create, and hides the workspace from outsiders", async () => {
    expect((await post("runner", body())).status).toBe(403);
    expect((await post("outsider", body())).status).toBe(404);
    expect((await call(templatesRoute.GET, { params: { ws: owner.workspace.slug }, auth: auth.outsider })).status).toBe(404);
  });
});
