/**
 * Where a webhook request's time and database work go, on the server's own wiring (embedded,
 * SQLite), without HTTP:
 *   - one request at a time: time until the answer (202) and until its run finished;
 *     statements through Prisma, statements on the direct SQLite path, and commits, per
 *     request (Prisma's driver adapter prepares every statement it runs on the connection,
 *     so wrapping `prepare` counts Prisma's; the direct path counts its own);
 *   - 10 requests in flight for a few thousand requests: CPU time of the process per request
 *     and run, which other load on the machine does not inflate the way it inflates wall time.
 * Prints one JSON line; bench/webhook/run.ts puts it in RESULTS.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withTestDb } from "@/tests/db/test-database";
import { benchFlow } from "./flow";

const SINGLE = 30;
const CONCURRENT = 3_000;
const IN_FLIGHT = 10;

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
  const { getDb, sqliteConnector } = await import("@/lib/server/db/client");
  const { directSqliteOf } = await import("@/lib/server/db/direct-sqlite");
  const { closeRuntime, getRuntime } = await import("@/lib/server/runtime/get-runtime");
  const { getWebhookIngest } = await import("@/lib/server/triggers/webhook-endpoint");
  const { createHookId } = await import("@/lib/server/triggers/webhook-config");
  const { createWorkspace } = await import("@/lib/server/workspaces/workspace-service");

  const db = getDb();
  const connection = await sqliteConnector(db)!();
  const direct = directSqliteOf(db)!;
  let prismaStatements = 0;
  const prepare = connection.prepare.bind(connection);
  // The direct path prepares each statement once, then reuses it; Prisma's adapter prepares every time.
  const directPrepared = new Set<string>();
  Object.assign(connection, {
    prepare: (sql: string) => {
      if (!directPrepared.has(sql)) prismaStatements++;
      return prepare(sql);
    },
  });
  const statement = direct.statement.bind(direct);
  Object.assign(direct, {
    statement: (conn: typeof connection, sql: string) => {
      directPrepared.add(sql);
      return statement(conn, sql);
    },
  });

  const user = await db.user.create({ data: { email: "bench@example.test", name: "Bench" } });
  const workspace = await createWorkspace(db, user.id, "Bench");
  const flow = await db.flow.create({ data: { workspaceId: workspace.id, name: benchFlow.name, draft: benchFlow } });
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
  const counts = () => ({ prisma: prismaStatements, direct: direct.statements, commits: direct.commits });
  const runIdOf = (body: string) => (JSON.parse(body) as { runId: string }).runId;

  const once = async () => {
    const started = performance.now();
    const answer = await ingest.handle(hookId, request());
    const acked = performance.now();
    const before = counts();
    await runtime.whenFinished(runIdOf(answer.body));
    return { ackMs: acked - started, runMs: performance.now() - acked, before };
  };
  for (let i = 0; i < 5; i++) await once();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const start = counts();
  let ack = 0;
  let run = 0;
  let beforeAnswer = 0;
  for (let i = 0; i < SINGLE; i++) {
    const at = counts();
    const t = await once();
    ack += t.ackMs;
    run += t.runMs;
    beforeAnswer += t.before.prisma + t.before.direct - at.prisma - at.direct;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  const end = counts();
  const per = (n: number, of = SINGLE) => Math.round((n / of) * 10) / 10;

  // Ten requests in flight: the CPU time the process spends per request and its run.
  const ids: string[] = [];
  const client = async (n: number) => {
    for (let i = 0; i < n; i++) ids.push(runIdOf((await ingest.handle(hookId, request())).body));
  };
  const c0 = counts();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => client(CONCURRENT / IN_FLIGHT)));
  const answeredMs = performance.now() - t0;
  for (const id of ids) await runtime.whenFinished(id);
  const doneMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const c1 = counts();

  process.stdout.write(
    `${JSON.stringify({
      requests: SINGLE,
      ackMs: Math.round((ack / SINGLE) * 100) / 100,
      runMs: Math.round((run / SINGLE) * 100) / 100,
      prismaStatements: per(end.prisma - start.prisma),
      directStatements: per(end.direct - start.direct),
      commits: per(end.commits - start.commits),
      statementsBeforeAnswer: per(beforeAnswer),
      concurrent: {
        requests: CONCURRENT,
        inFlight: IN_FLIGHT,
        cpuUsPerRequest: Math.round((cpu.user + cpu.system) / CONCURRENT),
        answeredMs: Math.round(answeredMs),
        allRunsDoneMs: Math.round(doneMs),
        commitsPerRequest: per(c1.commits - c0.commits, CONCURRENT),
        // whenFinished reads each run back once; that read is the benchmark's, not the request's.
        prismaStatementsPerRequest: per(c1.prisma - c0.prisma, CONCURRENT),
      },
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
