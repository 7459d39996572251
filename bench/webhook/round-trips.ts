/**
 * Where a webhook request's time and database work go, one request at a time: the time until
 * the answer (202), the time until its run finished, and the statements and transactions the
 * database received per request (endpoint + runtime + engine + run store), counted by a
 * wrapping driver adapter. Prints one JSON line; bench/webhook/run.ts puts it in RESULTS.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { countingAdapterFactory } from "@/tests/db/counting-adapter";
import { withTestDb } from "@/tests/db/test-database";
import { benchFlow } from "./flow";

const REQUESTS = 30;

async function main(): Promise<void> {
  const database = await withTestDb("sqlite");
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchyard-bench-webhook-"));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "YmVuY2gtb25seS1hdXRoLXNlY3JldC1mb3Itc3dpdGNoeWFyZC0xMjM0NQ",
    SWITCHYARD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    SWITCHYARD_DATA_DIR: dataDir,
    NEXTAUTH_URL: "http://localhost:3000",
    LOG_LEVEL: "warn",
  });
  const { createDb } = await import("@/lib/server/db/client");
  const counting = countingAdapterFactory(database.url);
  // The app's process-wide client, made with the counting adapter (see getDb()).
  const holder = globalThis as typeof globalThis & { __switchyardDb?: { url: string; db: unknown } };
  holder.__switchyardDb = { url: database.url, db: createDb(database.url, { adapter: counting.factory }) };
  const { getDb } = await import("@/lib/server/db/client");
  const { closeRuntime, getRuntime } = await import("@/lib/server/runtime/get-runtime");
  const { getWebhookIngest } = await import("@/lib/server/triggers/webhook-endpoint");
  const { createHookId } = await import("@/lib/server/triggers/webhook-config");
  const { createWorkspace } = await import("@/lib/server/workspaces/workspace-service");

  const db = getDb();
  const user = await db.user.create({ data: { email: "bench@example.test", name: "Bench" } });
  const workspace = await createWorkspace(db, user.id, "Bench");
  const flow = await db.flow.create({
    data: { workspaceId: workspace.id, name: benchFlow.name, draft: benchFlow },
  });
  const hookId = createHookId();
  await db.trigger.create({ data: { workspaceId: workspace.id, flowId: flow.id, kind: "webhook", hookId, config: { rateLimit: null } } });
  const runtime = getRuntime();
  await runtime.start();
  const ingest = getWebhookIngest();
  const request = () => ({
    method: "POST",
    path: `/api/hooks/${hookId}`,
    query: new URLSearchParams(),
    headers: new Headers({ "content-type": "application/json" }),
    readBody: () => Promise.resolve(Buffer.from('{"amount":150}')),
  });
  const statements = () => counting.counts.statementsInTransactions + counting.counts.statementsOutsideTransactions;
  let ackStatements = 0;
  const once = async () => {
    const started = performance.now();
    const before = statements();
    const answer = await ingest.handle(hookId, request());
    ackStatements += statements() - before;
    const acked = performance.now();
    await runtime.whenFinished((JSON.parse(answer.body) as { runId: string }).runId);
    return { ackMs: acked - started, runMs: performance.now() - acked };
  };
  for (let i = 0; i < 5; i++) await once();
  await new Promise((resolve) => setTimeout(resolve, 300));
  counting.reset();
  ackStatements = 0;
  let ack = 0;
  let run = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t = await once();
    ack += t.ackMs;
    run += t.runMs;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  const c = counting.counts;
  const per = (n: number) => Math.round((n / REQUESTS) * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({
      requests: REQUESTS,
      ackMs: Math.round((ack / REQUESTS) * 100) / 100,
      runMs: Math.round((run / REQUESTS) * 100) / 100,
      transactions: per(c.transactions),
      statementsInTransactions: per(c.statementsInTransactions),
      statementsOutside: per(c.statementsOutsideTransactions),
      statementsBeforeAnswer: per(ackStatements),
    })}\n`,
  );
  await closeRuntime(0);
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
