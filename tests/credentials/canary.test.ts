import { readFileSync, existsSync } from "node:fs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as credentialRoute from "@/app/api/w/[ws]/credentials/[id]/route";
import * as credentialTestRoute from "@/app/api/w/[ws]/credentials/[id]/test/route";
import * as credentialsRoute from "@/app/api/w/[ws]/credentials/route";
import * as unsavedTestRoute from "@/app/api/w/[ws]/credentials/test/route";
import * as nodeTestRoute from "@/app/api/w/[ws]/flows/[flowId]/nodes/[nodeId]/test/route";
import * as flowRoute from "@/app/api/w/[ws]/flows/[flowId]/route";
import * as flowRunsRoute from "@/app/api/w/[ws]/flows/[flowId]/runs/route";
import * as eventsRoute from "@/app/api/w/[ws]/runs/[runId]/events/route";
import * as retryRoute from "@/app/api/w/[ws]/runs/[runId]/retry/route";
import * as runRoute from "@/app/api/w/[ws]/runs/[runId]/route";
import { CredentialsPanel } from "@/components/credentials/credentials-panel";
import { listCredentials } from "@/lib/server/credentials/credential-service";
import { sqliteFilePath } from "@/lib/server/db/database-url";
import { closeRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import {
  bearer,
  call,
  createUser,
  startTestApp,
  type CallOptions,
  type CallResult,
  type TestApp,
  type TestUser,
} from "@/tests/app/support/test-app";
import { DiscordFake, type FakeWebhook } from "@/tests/fakes/discord/server";
import { chain, createFlow, node } from "@/tests/runtime/support";

/**
 * A secret planted in a credential must never come back out: not in any HTTP response of
 * the API, the credentials page, a log line, a run record (steps, events, errors,
 * artifacts), an export, nor anywhere in the SQLite file and its WAL in plain text.
 */

const CANARY = `canary${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`;

describe("canary secret", () => {
  let app: TestApp;
  let owner: TestUser;
  let fake: DiscordFake;
  let hook: FakeWebhook;
  let auth: string;
  let credentialId = "";
  const seen: string[] = [];
  const output: string[] = [];
  let restoreOutput: () => void = () => {};

  beforeAll(async () => {
    process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    app = await startTestApp();
    fake = await new DiscordFake().start();
    hook = fake.addWebhook({ token: CANARY, name: "Canary channel" });
    owner = await createUser(app.db);
    auth = await bearer(app.db, owner.id);
    // Every line the process writes (runtime and server logs) from here on.
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const capture = (chunk: unknown) => {
      output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return true;
    };
    process.stdout.write = capture;
    process.stderr.write = capture;
    restoreOutput = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
  });

  afterAll(async () => {
    restoreOutput();
    await closeRuntime(0);
    await fake?.stop();
    await app?.close();
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS;
  });

  /** Calls a route and keeps everything it answered (headers and body). */
  async function api<P>(handler: Parameters<typeof call<P>>[0], opts: CallOptions<P>): Promise<CallResult> {
    const res = await call(handler, { auth, ...opts });
    seen.push(JSON.stringify([...res.headers.entries()]), typeof res.body === "string" ? res.body : JSON.stringify(res.body));
    return res;
  }

  async function sse(runId: string): Promise<string> {
    const res = await eventsRoute.GET(
      new Request(`http://localhost:3000/api/w/x/runs/${runId}/events`, { headers: { authorization: auth } }),
      {
        params: Promise.resolve({ ws: owner.workspace.slug, runId }),
      },
    );
    const text = await res.text();
    seen.push(text);
    return text;
  }

  it("uses the secret for real along the way (so its absence below means something)", async () => {
    const ws = owner.workspace.slug;
    const url = fake.webhookUrl(hook);
    expect(url).toContain(CANARY);

    const created = await api(credentialsRoute.POST, {
      method: "POST",
      params: { ws },
      body: { type: "discord.webhook", name: "Alerts", data: { webhookUrl: url } },
    });
    expect(created.status).toBe(201);
    credentialId = (created.body as { credential: { id: string } }).credential.id;
    await api(credentialsRoute.GET, { params: { ws } });
    await api(credentialRoute.GET, { params: { ws, id: credentialId } });
    await api(credentialRoute.PUT, { method: "PUT", params: { ws, id: credentialId }, body: { name: "Alerts (renamed)" } });
    const tested = await api(credentialTestRoute.POST, { method: "POST", params: { ws, id: credentialId } });
    expect(tested.body).toMatchObject({ result: { ok: true } });
    // A failing test of an unsaved credential whose URL holds the canary.
    const wrongUrl = `${fake.url}/api/webhooks/${hook.id}/${CANARY}x`;
    const failing = await api(unsavedTestRoute.POST, {
      method: "POST",
      params: { ws },
      body: { type: "discord.webhook", data: { webhookUrl: wrongUrl } },
    });
    expect(failing.body).toMatchObject({ result: { ok: false } });
    // Invalid data echoing the secret back in a validation error.
    await api(credentialsRoute.POST, {
      method: "POST",
      params: { ws },
      body: { type: "discord.webhook", name: "bad", data: { webhookUrl: `not a url ${CANARY}` } },
    });

    const document = chain(
      "Canary flow",
      [
        node("start", "core.trigger.manual"),
        node("shape", "core.data.set-fields", { fields: { note: "hello" } }),
        node(
          "post",
          "discord.webhook.send",
          { content: "Run {{ run.id }}: {{ nodes.shape.output.note }}", wait: true },
          { credential: credentialId },
        ),
        node("report", "core.artifact.markdown", { title: "Posted", body: "Message {{ nodes.post.output.messageId }}" }),
      ],
      {
        // A failure also notifies the channel through the same credential.
        settings: { onFailure: [{ notify: credentialId }] },
      },
    );
    const flowId = await createFlow(app.db, owner.workspace.id, document);

    // A run whose vendor call fails with an answer that echoes the token.
    fake.failNext(1, (req) => ({
      status: 400,
      body: { code: 50035, message: `Invalid Form Body for webhook ${req.path} (token ${CANARY})` },
    }));
    const messagesBefore = fake.messages.length;
    const failedRun = (await api(flowRunsRoute.POST, { method: "POST", params: { ws, flowId }, body: {} })).body as { runId: string };
    const failed = await getRuntime().whenFinished(failedRun.runId);
    expect(failed?.state).toBe("failed");
    expect(fake.messages.length).toBe(messagesBefore + 1);
    expect(JSON.stringify(fake.messages.at(-1)?.body)).toContain("Canary flow");
    expect(fake.requests.some((r) => r.path.includes(CANARY))).toBe(true);

    await api(retryRoute.POST, { method: "POST", params: { ws, runId: failedRun.runId } });
    const retried = await getRuntime().whenFinished(failedRun.runId);
    expect(retried?.state).toBe("completed");
    expect(fake.messages.length).toBeGreaterThan(0);

    const okRun = (await api(flowRunsRoute.POST, { method: "POST", params: { ws, flowId }, body: { dryRun: false } })).body as {
      runId: string;
    };
    await getRuntime().whenFinished(okRun.runId);
    for (const runId of [failedRun.runId, okRun.runId]) {
      const detail = await api(runRoute.GET, { params: { ws, runId } });
      expect(detail.status).toBe(200);
      await sse(runId);
    }
    await api(flowRunsRoute.GET, { params: { ws, flowId } });
    await api(nodeTestRoute.POST, { method: "POST", params: { ws, flowId, nodeId: "post" }, body: { input: {} } });
    const exported = await api(flowRoute.GET, { params: { ws, flowId } });
    expect(exported.status).toBe(200);
  });

  it("never appears in an API response or a log line", () => {
    expect(seen.length).toBeGreaterThan(15);
    expect(seen.filter((text) => text.includes(CANARY))).toEqual([]);
    expect(output.join("").length).toBeGreaterThan(0);
    expect(output.filter((line) => line.includes(CANARY))).toEqual([]);
  });

  it("never appears in the credentials page", async () => {
    const credentials = await listCredentials(
      { db: app.db, caller: { userId: owner.id, email: owner.email, name: null, via: "session" } },
      owner.workspace.slug,
    );
    const html = renderToString(createElement(CredentialsPanel, { ws: owner.workspace.slug, initial: credentials, canWrite: true }));
    expect(html).toContain("Alerts (renamed)");
    expect(html).toContain("••••");
    expect(html).not.toContain(CANARY);
  });

  it("never appears in stored runs, steps, events, artifacts or any other row", async () => {
    await getRuntime().store.flush();
    const tables = {
      runs: await app.db.run.findMany(),
      steps: await app.db.stepRun.findMany(),
      events: await app.db.runEvent.findMany(),
      artifacts: await app.db.artifact.findMany(),
      cache: await app.db.cacheEntry.findMany(),
      credentials: await app.db.credential.findMany(),
      flows: await app.db.flow.findMany(),
      audit: await app.db.auditEvent.findMany(),
    };
    expect(tables.steps.length).toBeGreaterThan(3);
    expect(tables.events.length).toBeGreaterThan(5);
    expect(tables.artifacts.length).toBeGreaterThan(0);
    for (const [name, rows] of Object.entries(tables)) {
      expect({ name, leaked: JSON.stringify(rows).includes(CANARY) }).toEqual({ name, leaked: false });
    }
    expect(JSON.stringify(tables.events)).toContain("***");
  });

  it("is not in plain text anywhere in the SQLite file or its WAL", () => {
    const file = sqliteFilePath(app.database.url);
    const files = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    const needle = Buffer.from(CANARY, "utf8");
    const wide = Buffer.from(CANARY, "utf16le");
    let bytes = 0;
    for (const f of files) {
      const content = readFileSync(f);
      bytes += content.length;
      expect({ file: f, found: content.includes(needle) || content.includes(wide) }).toEqual({ file: f, found: false });
    }
    expect(bytes).toBeGreaterThan(10_000);
    // The check can fail: the run's non-secret note is in the file.
    expect(files.some((f) => readFileSync(f).includes(Buffer.from("Canary flow")))).toBe(true);
  });
});
