import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/w/[ws]/triggers/[triggerId]/route";
import * as pauseRoute from "@/app/api/w/[ws]/triggers/[triggerId]/pause/route";
import * as resumeRoute from "@/app/api/w/[ws]/triggers/[triggerId]/resume/route";
import * as previewRoute from "@/app/api/w/[ws]/triggers/preview/route";
import * as triggersRoute from "@/app/api/w/[ws]/triggers/route";
import { normalizeSchedule, scheduleInputSchema } from "@/lib/server/triggers/schedule-config";
import { nextFires } from "@/lib/server/triggers/schedule-math";
import { addMember, bearer, call, createUser, errorOf, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { chain, createFlow, node } from "@/tests/runtime/support";

interface Trigger {
  id: string;
  kind: string;
  state: string;
  paused: boolean;
  config: Record<string, unknown>;
  parameters: Record<string, unknown>;
  nextFireAt: string | null;
  nextFires: string[];
  webhookUrl: string | null;
}

const ROLES = ["owner", "admin", "editor", "runner", "viewer"] as const;
type Who = (typeof ROLES)[number] | "outsider";

describe("triggers API", () => {
  let app: TestApp;
  let owner: TestUser;
  let outsider: TestUser;
  let flowId: string;
  let otherFlowId: string;
  let foreignFlowId: string;
  const auth = {} as Record<Who, string>;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app.db);
    auth.owner = await bearer(app.db, owner.id);
    for (const role of ROLES.slice(1)) {
      const user = await createUser(app.db);
      await addMember(app.db, owner.workspace.id, user.id, role);
      auth[role] = await bearer(app.db, user.id);
    }
    outsider = await createUser(app.db);
    auth.outsider = await bearer(app.db, outsider.id);
    flowId = await createFlow(
      app.db,
      owner.workspace.id,
      chain("Report", [node("start", "core.trigger.manual")], {
        parameters: { region: { type: "string", required: true }, limit: { type: "integer" } },
      }),
    );
    otherFlowId = await createFlow(app.db, owner.workspace.id, chain("Other", [node("start", "core.trigger.manual")]));
    foreignFlowId = await createFlow(app.db, outsider.workspace.id, chain("Theirs", [node("start", "core.trigger.manual")]));
  });

  afterAll(async () => {
    await app?.close();
  });

  const ws = () => owner.workspace.slug;
  const hourly = { type: "cron", expression: "0 * * * *", timezone: "Europe/Berlin" };
  const create = (body: unknown, who: Who = "editor") =>
    call(triggersRoute.POST, { method: "POST", params: { ws: ws() }, body, auth: auth[who] });
  const list = (who: Who = "viewer", query = "") =>
    call(triggersRoute.GET, { params: { ws: ws() }, path: `/api/w/${ws()}/triggers${query}`, auth: auth[who] });
  const schedule = async (extra: Record<string, unknown> = {}) => {
    const res = await create({ flowId, kind: "schedule", config: hourly, parameters: { region: "eu" }, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { trigger: Trigger }).trigger;
  };
  const issuePath = (res: { body: unknown }) => (errorOf(res as never).details as { issues: { path: string }[] }).issues[0]!.path;

  it("creates a schedule whose list entry has the next five fires", async () => {
    const before = Date.now();
    const trigger = await schedule({ name: "Hourly report" });
    expect(trigger).toMatchObject({ kind: "schedule", state: "active", paused: false, parameters: { region: "eu" }, webhookUrl: null });
    const expected = nextFires(normalizeSchedule(scheduleInputSchema.parse(hourly), before), before, 5).map((t) =>
      new Date(t).toISOString(),
    );
    expect(trigger.nextFires).toEqual(expected);
    expect(trigger.nextFireAt).toBe(expected[0]);
    const res = await list("viewer", `?flowId=${flowId}`);
    expect(res.status).toBe(200);
    const listed = (res.body as { triggers: Trigger[] }).triggers.find((t) => t.id === trigger.id);
    expect(listed?.nextFires).toHaveLength(5);
  });

  it("creates a webhook trigger with an unguessable URL, and a flow-event trigger", async () => {
    const res = await create({ flowId, kind: "webhook", config: { methods: ["POST"] } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const hook = (res.body as { trigger: Trigger }).trigger;
    expect(hook.webhookUrl).toMatch(/^http:\/\/localhost:3000\/api\/hooks\/[A-Za-z0-9_-]{32}$/);
    expect(hook.config).toMatchObject({ methods: ["POST"], verification: { scheme: "none" }, response: { mode: "async" } });
    const event = await create({ flowId: otherFlowId, kind: "flow-event", config: { sourceFlowId: flowId, on: "both" } });
    expect(event.status, JSON.stringify(event.body)).toBe(201);
    expect((event.body as { trigger: Trigger }).trigger.config).toEqual({ sourceFlowId: flowId, on: "both" });
  });

  it("lets editors and above write, every member read, and outsiders see nothing", async () => {
    const trigger = await schedule();
    for (const who of [...ROLES, "outsider"] as const) {
      const expected = who === "outsider" ? 404 : ["runner", "viewer"].includes(who) ? 403 : 201;
      const res = await create({ flowId, kind: "schedule", config: hourly, parameters: { region: "eu" } }, who);
      expect(res.status, who).toBe(expected);
      expect((await list(who)).status, who).toBe(who === "outsider" ? 404 : 200);
      const read = await call(triggerRoute.GET, { params: { ws: ws(), triggerId: trigger.id }, auth: auth[who] });
      expect(read.status, who).toBe(who === "outsider" ? 404 : 200);
      const write = expected === 201 ? 200 : expected;
      const pause = await call(pauseRoute.POST, { method: "POST", params: { ws: ws(), triggerId: trigger.id }, auth: auth[who] });
      expect(pause.status, who).toBe(write);
      const patch = await call(triggerRoute.PATCH, {
        method: "PATCH",
        params: { ws: ws(), triggerId: trigger.id },
        body: { name: `by ${who}` },
        auth: auth[who],
      });
      expect(patch.status, who).toBe(write);
    }
    // The outsider cannot reach it through their own workspace either.
    const viaOwn = await call(triggerRoute.GET, { params: { ws: outsider.workspace.slug, triggerId: trigger.id }, auth: auth.outsider });
    expect(viaOwn.status).toBe(404);
    const del = await call(triggerRoute.DELETE, { method: "DELETE", params: { ws: ws(), triggerId: trigger.id }, auth: auth.viewer });
    expect(del.status).toBe(403);
    const gone = await call(triggerRoute.DELETE, { method: "DELETE", params: { ws: ws(), triggerId: trigger.id }, auth: auth.editor });
    expect(gone.status).toBe(204);
    expect((await call(triggerRoute.GET, { params: { ws: ws(), triggerId: trigger.id }, auth: auth.viewer })).status).toBe(404);
  });

  it("pauses and resumes; resuming starts from the next fire after now", async () => {
    const trigger = await schedule();
    await app.db.trigger.update({ where: { id: trigger.id }, data: { nextFireAt: new Date("2020-01-01T00:00:00Z") } });
    const paused = await call(pauseRoute.POST, { method: "POST", params: { ws: ws(), triggerId: trigger.id }, auth: auth.editor });
    expect((paused.body as { trigger: Trigger }).trigger).toMatchObject({ state: "paused", paused: true });
    const resumed = await call(resumeRoute.POST, { method: "POST", params: { ws: ws(), triggerId: trigger.id }, auth: auth.editor });
    const after = (resumed.body as { trigger: Trigger }).trigger;
    expect(after.state).toBe("active");
    expect(Date.parse(after.nextFireAt!)).toBeGreaterThan(Date.now());
  });

  it("answers every bad request with a 4xx naming the field", async () => {
    const cases: [unknown, number, string][] = [
      [
        { flowId, kind: "schedule", config: { type: "cron", expression: "61 * * * *" }, parameters: { region: "eu" } },
        400,
        "config.expression",
      ],
      [
        {
          flowId,
          kind: "schedule",
          config: { type: "cron", expression: "0 9 * * *", timezone: "Nowhere/City" },
          parameters: { region: "eu" },
        },
        400,
        "config.timezone",
      ],
      [{ flowId, kind: "schedule", config: { type: "rrule", rrule: "FREQ=SOMETIMES" }, parameters: { region: "eu" } }, 400, "config.rrule"],
      [
        { flowId, kind: "schedule", config: { type: "interval", everySeconds: -5 }, parameters: { region: "eu" } },
        400,
        "config.everySeconds",
      ],
      [{ flowId, kind: "schedule", config: { type: "weekly" } }, 400, "config.type"],
      [{ flowId, kind: "schedule", config: hourly }, 400, "parameters.region"],
      [{ flowId, kind: "schedule", config: hourly, parameters: { region: "eu", limit: "ten" } }, 400, "parameters.limit"],
      [{ flowId, kind: "schedule", config: hourly, parameters: { region: "eu", nope: 1 } }, 400, "parameters.nope"],
      [{ flowId, kind: "cronjob", config: hourly }, 400, "kind"],
      [{ kind: "schedule", config: hourly }, 400, "flowId"],
      [{ flowId, kind: "schedule", config: hourly, extra: true }, 400, ""],
      [
        { flowId, kind: "webhook", config: { verification: { scheme: "github", credentialId: "cred_missing" } } },
        400,
        "config.verification.credentialId",
      ],
      [{ flowId, kind: "webhook", config: { methods: [] } }, 400, "config.methods"],
      [{ flowId, kind: "flow-event", config: { sourceFlowId: flowId } }, 400, "config.sourceFlowId"],
      [{ flowId, kind: "flow-event", config: { sourceFlowId: foreignFlowId } }, 400, "config.sourceFlowId"],
      [{ flowId, kind: "flow-event", config: { sourceFlowId: otherFlowId, on: "sometimes" } }, 400, "config.on"],
    ];
    for (const [body, status, path] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (path) expect(issuePath(res), JSON.stringify(body)).toBe(path);
    }
    // otherFlow already starts on flowId's runs (test above): flowId on otherFlow's runs would loop.
    const loop = await create({ flowId, kind: "flow-event", config: { sourceFlowId: otherFlowId } });
    expect(loop.status).toBe(400);
    expect(errorOf(loop).message).toMatch(/loop/);
    // A flow of another workspace, or none, is not found.
    expect((await create({ flowId: foreignFlowId, kind: "schedule", config: hourly })).status).toBe(404);
    expect((await create({ flowId: "missing", kind: "schedule", config: hourly })).status).toBe(404);
    const badJson = await call(triggersRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      rawBody: "{",
      headers: { "content-type": "application/json" },
      auth: auth.editor,
    });
    expect(badJson.status).toBe(400);
    expect((await list("viewer", "?kind=cron")).status).toBe(400);
    const patch = await call(triggerRoute.PATCH, {
      method: "PATCH",
      params: { ws: ws(), triggerId: (await schedule()).id },
      body: { config: { type: "cron", expression: "every day" } },
      auth: auth.editor,
    });
    expect(patch.status).toBe(400);
    expect(issuePath(patch)).toBe("config.expression");
  });

  it("previews a schedule's next fires without saving it, and names a bad expression", async () => {
    const ok = await call(previewRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { config: { type: "interval", everySeconds: 60, anchor: "2030-01-01T00:00:00Z" } },
      auth: auth.viewer,
    });
    expect(ok.status).toBe(200);
    expect((ok.body as { nextFires: string[] }).nextFires).toEqual([
      "2030-01-01T00:00:00.000Z",
      "2030-01-01T00:01:00.000Z",
      "2030-01-01T00:02:00.000Z",
      "2030-01-01T00:03:00.000Z",
      "2030-01-01T00:04:00.000Z",
    ]);
    const bad = await call(previewRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { config: { type: "cron", expression: "0 25 * * *" } },
      auth: auth.viewer,
    });
    expect(bad.status).toBe(400);
    expect(issuePath(bad)).toBe("config.expression");
    expect(errorOf(bad).message).toMatch(/config\.expression/);
    const outsider = await call(previewRoute.POST, { method: "POST", params: { ws: ws() }, body: { config: hourly }, auth: auth.outsider });
    expect(outsider.status).toBe(404);
  });
});
