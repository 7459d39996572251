// Measures how long the Prisma run store takes to flush one run's 100 step results (plus two
// events per step) in one transaction, on a fresh migrated SQLite file, or on PostgreSQL with
// BENCH_POSTGRES_URL (a server where a scratch database may be created). Not a test: prints
// the median and spread of several rounds.
//   node --import tsx scripts/db/bench-flush.ts [steps=100] [rounds=15]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { RunRecord } from "@/lib/engine/run-store";
import { withDatabaseName } from "@/lib/server/db/adapters";
import { createDb } from "@/lib/server/db/client";
import { applyPendingMigrations } from "@/lib/server/db/migrations";
import { PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";

const steps = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 15);
const prismaDir = fileURLToPath(new URL("../../prisma", import.meta.url));

async function scratchDatabase(): Promise<{ url: string; cleanup: () => Promise<void>; label: string }> {
  const server = process.env.BENCH_POSTGRES_URL;
  if (server) {
    const name = `switchyard_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    return {
      url: withDatabaseName(server, name),
      label: "PostgreSQL",
      cleanup: async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-"));
  return { url: `file:${path.join(dir, "bench.db")}`, label: "SQLite", cleanup: () => Promise.resolve(rmSync(dir, { recursive: true })) };
}

const { url, cleanup, label } = await scratchDatabase();
try {
  await applyPendingMigrations(url, { prismaDir });
  const db = createDb(url);
  const store = new PrismaRunStore(db, { flushIntervalMs: 3_600_000, maxBufferedWrites: 1_000_000 });
  const timings: number[] = [];
  for (let round = 0; round < rounds + 2; round++) {
    const run: RunRecord = {
      id: `bench-${round}`,
      document: { schema: "switchyard.flow/v1", name: "bench", nodes: [], edges: [] },
      state: "running",
      params: {},
      trigger: { kind: "test" },
      dryRun: false,
      attempt: 1,
      createdAt: Date.now(),
    };
    await store.createRun(run);
    let seq = 0;
    for (let i = 0; i < steps; i++) {
      const now = Date.now();
      await store.saveStep({
        runId: run.id,
        key: `n${i}`,
        nodeId: `n${i}`,
        state: "completed",
        input: { item: { id: i, email: `user${i}@example.com` } },
        output: { id: i, ok: true, tags: ["a", "b"] },
        attempts: [{ attempt: 1, startedAt: now, finishedAt: now + 1 }],
        startedAt: now,
        finishedAt: now + 1,
      });
      await store.appendEvents([
        { runId: run.id, seq: ++seq, at: now, type: "step.started", stepKey: `n${i}` },
        { runId: run.id, seq: ++seq, at: now + 1, type: "step.completed", stepKey: `n${i}`, data: { ms: 1 } },
      ]);
    }
    const start = performance.now();
    await store.flush();
    const ms = performance.now() - start;
    if (round >= 2) timings.push(ms); // the first rounds warm up the query compiler and caches
  }
  await db.$disconnect();
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]?.toFixed(1);
  process.stdout.write(
    `${label}: flush of ${steps} steps + ${2 * steps} events in one transaction: median ${at(0.5)} ms (min ${at(0)}, p90 ${at(0.9)}) over ${rounds} rounds; node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}\n`,
  );
} finally {
  await cleanup();
}
