import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nodeTestRoute from "@/app/api/w/[ws]/flows/[flowId]/nodes/[nodeId]/test/route";
import * as flowRunsRoute from "@/app/api/w/[ws]/flows/[flowId]/runs/route";
import * as cancelRoute from "@/app/api/w/[ws]/runs/[runId]/cancel/route";
import * as eventsRoute from "@/app/api/w/[ws]/runs/[runId]/events/route";
import * as retryRoute from "@/app/api/w/[ws]/runs/[runId]/retry/route";
import * as runRoute from "@/app/api/w/[ws]/runs/[runId]/route";
import * as credentialRoute from "@/app/api/w/[ws]/credentials/[id]/route";
import * as credentialsRoute from "@/app/api/w/[ws]/credentials/route";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { addMember, bearer, call, createUser, errorOf, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { DiscordFake } from "@/tests/fakes/discord/server";
import { chain, createFlow, node, readSse } from "./support";

interface RunDetail {
  id: string;
  state: string;
  attempt: number;
  dryRun: boolean;
  params: Record<string, unknown>;
  steps: { key: string; nodeId: string; state: string; output: unknown; attempts: unknown[] }[];
  logs: { message: string }[];
  artifacts: { artifact: { kind: string; body?: string } }[];
  error: { message: string } | null;
}

describe("run API", () => {
  let app: TestApp;
  let owner: TestUser;
  let fake: DiscordFake;
  const auth = { owner: "", runner: "", viewer: "", outsider: "" };

  beforeAll(async () => {
    process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    app = await startTestApp();
    fake = await new DiscordFake().start();
    owner = await createUser(app.db);
    auth.owner = await bearer(app.db, owner.id);
    for (const role of ["runner", "viewer"] as const) {
      const user = await createUser(app.db);
      await addMember(app.db, owner.workspace.id, user.id, role);
      auth[role] = await bearer(app.db, user.id);
    }
    auth.outsider = await bearer(app.db, (await createUser(app.db)).id);
  });

  afterAll(async () => {
    await closeRuntime(0);
    await fake?.stop();
    await app?.close();
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS;
  });

  const ws = () => owner.workspace.slug;
  const start = (flowId: string, body: unknown, who: keyof typeof auth = "runner") =>
    call(flowRunsRoute.POST, { method: "POST", params: { ws: ws(), flowId }, body, auth: auth[who] });
  const detail = async (runId: string, who: keyof typeof auth = "viewer") => {
    const res = await call(runRoute.GET, { params: { ws: ws(), runId }, auth: auth[who] });
    expect(res.status).toBe(200);
    return (res.body as { run: RunDetail }).run;
  };
  const finished = async (runId: string) => {
    await getRuntime().whenFinished(runId);
    return detail(runId);
  };
  const discordCredential = async (token: string) => {
    const hook = fake.addWebhook({ token });
    const res = await call(credentialsRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { type: "discord.webhook", name: `hook ${token}`, data: { webhookUrl: fake.webhookUrl(hook) } },
      auth: auth.owner,
    });
    return { id: (res.body as { credential: { id: string } }).credential.id, hook };
  };

  const greeting = chain(
    "Greeting",
    [
      node("start", "core.trigger.manual"),
      node("greet", "core.data.set-fields", { fields: { greeting: "Hello {{ params.name }}" } }),
      node("report", "core.artifact.markdown", { title: "Report", body: "# {{ nodes.greet.output.greeting }}" }),
    ],
    { parameters: { name: { type: "string", required: true } } },
  );

  it("starts a run through the route (202 with its id) and it completes with steps and artifacts", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, greeting);
    const res = await start(flowId, { parameters: { name: "Ada" } });
    expect(res.status).toBe(202);
    const { runId } = res.body as { runId: string };
    expect(runId).toMatch(/^run_/);
    const run = await finished(runId);
    expect(run.state).toBe("completed");
    expect(run.params).toEqual({ name: "Ada" });
    expect(run.steps.find((s) => s.nodeId === "greet")).toMatchObject({ state: "completed", output: { greeting: "Hello Ada" } });
    expect(run.artifacts.map((a) => a.artifact)).toEqual([{ kind: "markdown", title: "Report", body: "# Hello Ada" }]);
  });

  it("rejects parameters that do not match the flow's spec, naming the field", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, greeting);
    const missing = await start(flowId, { parameters: {} });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).message).toContain("`parameters.name` is required");
    const wrongType = await start(flowId, { parameters: { name: 42 } });
    expect(errorOf(wrongType).message).toContain("`parameters.name` must be a string");
    const badBody = await start(flowId, { parameters: { name: "x" }, dryRun: "yes" });
    expect(errorOf(badBody).message).toContain("`dryRun`");
  });

  it("refuses a flow that does not validate, naming the node", async () => {
    const flowId = await createFlow(
      app.db,
      owner.workspace.id,
      chain("Broken", [node("start", "core.trigger.manual"), node("nope", "no.such.type")]),
    );
    const res = await start(flowId, {});
    expect(res.status).toBe(400);
    expect(JSON.stringify(errorOf(res))).toContain("nope");
  });

  it("lists a flow's runs newest first with filters and a cursor", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, greeting);
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) {
      const { runId } = (await start(flowId, { parameters: { name } })).body as { runId: string };
      await getRuntime().whenFinished(runId);
      ids.push(runId);
    }
    const page1 = await call(flowRunsRoute.GET, { path: "/?limit=2", params: { ws: ws(), flowId }, auth: auth.viewer });
    const body1 = page1.body as { runs: { id: string; state: string }[]; nextCursor: string | null };
    expect(body1.runs.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const page2 = await call(flowRunsRoute.GET, {
      path: `/?limit=2&cursor=${body1.nextCursor}`,
      params: { ws: ws(), flowId },
      auth: auth.viewer,
    });
    expect((page2.body as { runs: { id: string }[]; nextCursor: string | null }).runs.map((r) => r.id)).toEqual([ids[0]]);
    const failedOnly = await call(flowRunsRoute.GET, { path: "/?state=failed", params: { ws: ws(), flowId }, auth: auth.viewer });
    expect((failedOnly.body as { runs: unknown[] }).runs).toEqual([]);
    const badState = await call(flowRunsRoute.GET, { path: "/?state=exploded", params: { ws: ws(), flowId }, auth: auth.viewer });
    expect(badState.status).toBe(400);
    expect(errorOf(badState).message).toContain("query.state");
  });

  it("streams a run's events over SSE, replaying after Last-Event-ID, and ends at the final state", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, greeting);
    const { runId } = (await start(flowId, { parameters: { name: "Sse" } })).body as { runId: string };
    const live = await eventsRoute.GET(
      new Request(`http://localhost:3000/api/w/${ws()}/runs/${runId}/events`, { headers: { authorization: auth.viewer } }),
      {
        params: Promise.resolve({ ws: ws(), runId }),
      },
    );
    expect(live.headers.get("content-type")).toContain("text/event-stream");
    const messages = await readSse(live);
    const events = messages
      .filter((m) => m.id)
      .map((m) => JSON.parse(m.data!) as { seq: number; type: string; state?: string; nodeId?: string });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.some((e) => e.type === "step.state" && e.nodeId === "greet" && e.state === "completed")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "run.state", state: "completed" });
    expect(messages.at(-1)?.event).toBe("end");

    const resumed = await eventsRoute.GET(
      new Request(`http://localhost:3000/api/w/${ws()}/runs/${runId}/events`, {
        headers: { authorization: auth.viewer, "last-event-id": "3" },
      }),
      { params: Promise.resolve({ ws: ws(), runId }) },
    );
    const replay = (await readSse(resumed)).filter((m) => m.id).map((m) => Number(m.id));
    expect(replay[0]).toBe(4);
    expect(replay).toEqual(events.slice(3).map((e) => e.seq));
  });

  it("retries a failed run from the failed node without repeating the steps before it", async () => {
    const first = await discordCredential("token-first-0123456789");
    const secondHook = fake.addWebhook({ token: "token-second-0123456789" });
    // The second credential starts with a wrong token: Discord answers 401 and the run fails.
    const wrong = await call(credentialsRoute.POST, {
      method: "POST",
      params: { ws: ws() },
      body: { type: "discord.webhook", name: "second", data: { webhookUrl: `${fake.url}/api/webhooks/${secondHook.id}/wrong-token-0000` } },
      auth: auth.owner,
    });
    const secondId = (wrong.body as { credential: { id: string } }).credential.id;
    const flowId = await createFlow(
      app.db,
      owner.workspace.id,
      chain("Two posts", [
        node("start", "core.trigger.manual"),
        node("postA", "discord.webhook.send", { content: "first" }, { credential: first.id }),
        node("postB", "discord.webhook.send", { content: "second" }, { credential: secondId }),
      ]),
    );
    const posted = (id: string) => fake.messages.filter((m) => m.webhookId === id).length;
    const { runId } = (await start(flowId, {})).body as { runId: string };
    const failed = await finished(runId);
    expect(failed.state).toBe("failed");
    expect(failed.steps.find((s) => s.nodeId === "postB")?.state).toBe("failed");
    expect(posted(first.hook.id)).toBe(1);

    const fixed = await call(credentialRoute.PUT, {
      method: "PUT",
      params: { ws: ws(), id: secondId },
      body: { data: { webhookUrl: fake.webhookUrl(secondHook) } },
      auth: auth.owner,
    });
    expect(fixed.status).toBe(200);
    const retry = await call(retryRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.runner });
    expect(retry.status).toBe(202);
    const done = await finished(runId);
    expect(done.state).toBe("completed");
    expect(done.attempt).toBe(2);
    expect(posted(first.hook.id)).toBe(1);
    expect(posted(secondHook.id)).toBe(1);

    const again = await call(retryRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.runner });
    expect(again.status).toBe(409);
  });

  it("cancels a running run", async () => {
    const flowId = await createFlow(
      app.db,
      owner.workspace.id,
      chain("Slow", [node("start", "core.trigger.manual"), node("pause", "core.flow.wait", { seconds: 600 })]),
    );
    const { runId } = (await start(flowId, {})).body as { runId: string };
    await new Promise<void>((resolve) => {
      const off = getRuntime().bus.subscribe(runId, (e) => {
        if (e.type === "step.state" && e.data?.nodeId === "pause" && e.data?.state === "running") {
          off();
          resolve();
        }
      });
    });
    const viewerTry = await call(cancelRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.viewer });
    expect(viewerTry.status).toBe(403);
    const res = await call(cancelRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.runner });
    expect(res.status).toBe(202);
    const run = await finished(runId);
    expect(run.state).toBe("cancelled");
    const again = await call(cancelRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.runner });
    expect(again.status).toBe(409);
  });

  it("tests one node of the draft and answers with its step record", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, greeting);
    const res = await call(nodeTestRoute.POST, {
      method: "POST",
      params: { ws: ws(), flowId, nodeId: "greet" },
      body: { input: { id: 7 }, params: { name: "Node" } },
      auth: auth.runner,
    });
    expect(res.status).toBe(200);
    expect((res.body as { step: unknown }).step).toMatchObject({
      nodeId: "greet",
      state: "completed",
      output: { id: 7, greeting: "Hello Node" },
    });
    const withConfig = await call(nodeTestRoute.POST, {
      method: "POST",
      params: { ws: ws(), flowId, nodeId: "greet" },
      body: { input: {}, config: { fields: { other: "{{ 1 + 1 }}" }, keepInput: false } },
      auth: auth.runner,
    });
    expect((withConfig.body as { step: { output: unknown } }).step.output).toEqual({ other: 2 });
    const missing = await call(nodeTestRoute.POST, {
      method: "POST",
      params: { ws: ws(), flowId, nodeId: "ghost" },
      body: {},
      auth: auth.runner,
    });
    expect(missing.status).toBe(404);
    const viewer = await call(nodeTestRoute.POST, {
      method: "POST",
      params: { ws: ws(), flowId, nodeId: "greet" },
      body: {},
      auth: auth.viewer,
    });
    expect(viewer.status).toBe(403);
  });

  it("runs side-effect nodes as dry runs without calling out", async () => {
    const cred = await discordCredential("token-dry-0123456789ab");
    const flowId = await createFlow(
      app.db,
      owner.workspace.id,
      chain("Dry", [
        node("start", "core.trigger.manual"),
        node("post", "discord.webhook.send", { content: "would post" }, { credential: cred.id }),
      ]),
    );
    const before = fake.messages.length;
    const { runId } = (await start(flowId, { dryRun: true })).body as { runId: string };
    const run = await finished(runId);
    expect(run.state).toBe("completed");
    expect(run.dryRun).toBe(true);
    expect(run.steps.find((s) => s.nodeId === "post")?.state).toBe("dry-run");
    expect(fake.messages.length).toBe(before);
  });

  it("deduplicates runs by the flow's idempotency key within the window", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, { ...greeting, settings: { idempotencyKey: "{{ params.name }}" } });
    const [a, b] = await Promise.all([start(flowId, { parameters: { name: "Same" } }), start(flowId, { parameters: { name: "Same" } })]);
    const first = a.body as { runId: string; deduplicated: boolean };
    const second = b.body as { runId: string; deduplicated: boolean };
    expect(second.runId).toBe(first.runId);
    expect([first.deduplicated, second.deduplicated].sort()).toEqual([false, true]);
    const other = (await start(flowId, { parameters: { name: "Different" } })).body as { runId: string; deduplicated: boolean };
    expect(other.runId).not.toBe(first.runId);
    expect(other.deduplicated).toBe(false);
    await getRuntime().whenFinished(first.runId);
    await getRuntime().whenFinished(other.runId);
    expect(await app.db.run.count({ where: { flowId } })).toBe(2);
    const row = await app.db.run.findUniqueOrThrow({ where: { id: first.runId } });
    expect(row.idempotencyKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("checks the caller's role on every run route: runners run, viewers read, outsiders see nothing", async () => {
    const flowId = await createFlow(app.db, owner.workspace.id, greeting);
    expect((await start(flowId, { parameters: { name: "x" } }, "viewer")).status).toBe(403);
    expect((await start(flowId, { parameters: { name: "x" } }, "outsider")).status).toBe(404);
    const { runId } = (await start(flowId, { parameters: { name: "x" } }, "runner")).body as { runId: string };
    await getRuntime().whenFinished(runId);
    expect((await call(runRoute.GET, { params: { ws: ws(), runId }, auth: auth.viewer })).status).toBe(200);
    expect((await call(runRoute.GET, { params: { ws: ws(), runId }, auth: auth.outsider })).status).toBe(404);
    expect((await call(runRoute.GET, { params: { ws: ws(), runId }, auth: "" })).status).toBe(401);
    expect((await call(flowRunsRoute.GET, { params: { ws: ws(), flowId }, auth: auth.outsider })).status).toBe(404);
    expect((await call(retryRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.viewer })).status).toBe(403);
    expect((await call(retryRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.outsider })).status).toBe(404);
    expect((await call(cancelRoute.POST, { method: "POST", params: { ws: ws(), runId }, auth: auth.outsider })).status).toBe(404);
    const events = await eventsRoute.GET(new Request("http://localhost:3000/x", { headers: { authorization: auth.outsider } }), {
      params: Promise.resolve({ ws: ws(), runId }),
    });
    expect(events.status).toBe(404);
    // A run of another workspace is not found through this one, even by its owner.
    const stranger = await createUser(app.db);
    const theirFlow = await createFlow(app.db, stranger.workspace.id, greeting);
    const theirs = (
      await call(flowRunsRoute.POST, {
        method: "POST",
        params: { ws: stranger.workspace.slug, flowId: theirFlow },
        body: { parameters: { name: "y" } },
        auth: await bearer(app.db, stranger.id),
      })
    ).body as { runId: string };
    expect((await call(runRoute.GET, { params: { ws: ws(), runId: theirs.runId }, auth: auth.owner })).status).toBe(404);
    expect((await start(theirFlow, { parameters: { name: "z" } }, "owner")).status).toBe(404);
    await getRuntime().whenFinished(theirs.runId);
  });

  it("never lets a flow use a credential of another workspace", async () => {
    const mine = await discordCredential("token-mine-0123456789ab");
    const stranger = await createUser(app.db);
    const flowId = await createFlow(
      app.db,
      stranger.workspace.id,
      chain("Borrowing", [
        node("start", "core.trigger.manual"),
        node("post", "discord.webhook.send", { content: "stolen?" }, { credential: mine.id }),
      ]),
    );
    const res = await call(flowRunsRoute.POST, {
      method: "POST",
      params: { ws: stranger.workspace.slug, flowId },
      body: {},
      auth: await bearer(app.db, stranger.id),
    });
    const { runId } = res.body as { runId: string };
    const run = await getRuntime().whenFinished(runId);
    expect(run?.state).toBe("failed");
    expect(run?.error?.message).toContain("does not exist in this workspace");
    expect(fake.messages.filter((m) => m.webhookId === mine.hook.id)).toHaveLength(0);
  });
});
