import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as credentialsRoute from "@/app/api/w/[ws]/credentials/route";
import * as flowRunsRoute from "@/app/api/w/[ws]/flows/[flowId]/runs/route";
import * as runRoute from "@/app/api/w/[ws]/runs/[runId]/route";
import { generateKey } from "@/lib/server/credentials/key-material";
import { createKeyring } from "@/lib/server/credentials/keyring";
import { rotateKeys } from "@/lib/server/credentials/rotation";
import { PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";
import { closeRuntime, createServerRuntime, getRuntime } from "@/lib/server/runtime/get-runtime";
import { bearer, call, createUser, startTestApp, type TestApp, type TestUser } from "@/tests/app/support/test-app";
import { skipPostgres } from "@/tests/db/test-database";
import { DiscordFake } from "@/tests/fakes/discord/server";
import { chain, createFlow, node } from "./support";

/** The runtime and the vault on PostgreSQL (queue mode's database), with the same API. */
describe.skipIf(await skipPostgres())("runtime and vault on PostgreSQL", () => {
  let app: TestApp;
  let owner: TestUser;
  let fake: DiscordFake;
  let auth: string;

  beforeAll(async () => {
    process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
    app = await startTestApp("postgres");
    fake = await new DiscordFake().start();
    owner = await createUser(app.db);
    auth = await bearer(app.db, owner.id);
  });

  afterAll(async () => {
    await closeRuntime(0);
    await fake?.stop();
    await app?.close();
    delete process.env.SWITCHYARD_ALLOW_PRIVATE_HOSTS;
  });

  it("runs a flow with an encrypted credential through the API, deduplicating by idempotency key", async () => {
    const hook = fake.addWebhook({ token: "pg-token-0123456789abcdef" });
    const created = await call(credentialsRoute.POST, {
      method: "POST",
      params: { ws: owner.workspace.slug },
      body: { type: "discord.webhook", name: "pg", data: { webhookUrl: fake.webhookUrl(hook) } },
      auth,
    });
    const credentialId = (created.body as { credential: { id: string } }).credential.id;
    const document = chain(
      "Postgres flow",
      [
        node("start", "core.trigger.manual"),
        node("post", "discord.webhook.send", { content: "hi {{ params.who }}" }, { credential: credentialId }),
      ],
      { parameters: { who: { type: "string", required: true } }, settings: { idempotencyKey: "{{ params.who }}" } },
    );
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const start = () =>
      call(flowRunsRoute.POST, { method: "POST", params: { ws: owner.workspace.slug, flowId }, body: { parameters: { who: "pg" } }, auth });
    const first = (await start()).body as { runId: string };
    const second = (await start()).body as { runId: string; deduplicated: boolean };
    expect(second).toEqual({ runId: first.runId, deduplicated: true });
    await getRuntime().whenFinished(first.runId);
    const detail = await call(runRoute.GET, { params: { ws: owner.workspace.slug, runId: first.runId }, auth });
    expect((detail.body as { run: { state: string } }).run.state).toBe("completed");
    expect(fake.messages.filter((m) => m.webhookId === hook.id).map((m) => m.body.content)).toEqual(["hi pg"]);
    const row = await app.db.credential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(JSON.stringify(row)).not.toContain("pg-token-0123456789abcdef");
  });

  it("resumes a run whose process died, claiming it once", async () => {
    const document = chain("Recovered on PostgreSQL", [
      node("start", "core.trigger.manual"),
      node("shape", "core.data.set-fields", { fields: { ok: true } }),
    ]);
    const flowId = await createFlow(app.db, owner.workspace.id, document);
    const store = new PrismaRunStore(app.db);
    const at = Date.now() - 10 * 60_000;
    const runId = `run_pg_${Math.random().toString(36).slice(2, 10)}`;
    await store.createRun({
      id: runId,
      workspaceId: owner.workspace.id,
      flowId,
      document,
      state: "running",
      params: {},
      trigger: { kind: "manual" },
      dryRun: false,
      attempt: 1,
      createdAt: at,
      startedAt: at,
      heartbeatAt: at,
      owner: "dead:1:abcdef",
    });
    await store.flush();
    const a = createServerRuntime({ owner: "a:1:abcdef", logWrite: () => {} });
    const b = createServerRuntime({ owner: "b:2:abcdef", logWrite: () => {} });
    try {
      await Promise.all([a.start(), b.start()]);
      const done = await Promise.race([a.whenFinished(runId), b.whenFinished(runId)]);
      expect(done?.state).toBe("completed");
      expect(a.isLive(runId) && b.isLive(runId)).toBe(false);
      const finals = (await app.db.runEvent.findMany({ where: { runId, type: "run.state" } })).filter(
        (e) => (e.data as { state?: string } | null)?.state === "completed",
      );
      expect(finals).toHaveLength(1);
    } finally {
      await a.shutdown(0);
      await b.shutdown(0);
    }
  });

  it("rotates every credential to a new key", async () => {
    const newKey = generateKey();
    const result = await rotateKeys({
      db: app.db,
      dataDir: "/nonexistent-data-dir",
      source: "env",
      currentKey: newKey.material,
      previousKeys: [Buffer.alloc(32, 1)],
    });
    expect(result.failed).toEqual([]);
    expect(result.total).toBeGreaterThan(0);
    const rows = await app.db.credential.findMany();
    expect(rows.every((r) => r.keyId === createKeyring(newKey).current.id)).toBe(true);
  });
});
