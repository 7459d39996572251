/**
 * Helpers for queue-mode tests: a reachable Redis or a skip (a failure on CI, like the
 * PostgreSQL tests), a key prefix of the test's own that is deleted afterwards, worker child
 * processes running the real `npm run worker` entry, and a loopback service that records
 * every call and how many were in flight at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";

export const REDIS_TEST_URL = process.env.SWITCHYARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let reachable: Promise<boolean> | undefined;
export function redisReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const redis = new Redis(REDIS_TEST_URL, {
      lazyConnect: true,
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      return (await redis.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      redis.disconnect();
    }
  })();
  return reachable;
}

/** True when Redis tests must be skipped (with a message); throws when CI is set and Redis is unreachable. */
export async function skipRedis(): Promise<boolean> {
  if (await redisReachable()) return false;
  const message = `Redis at ${new URL(REDIS_TEST_URL).host} is unreachable`;
  if (process.env.CI) throw new Error(`${message}; CI must run the queue-mode tests`);
  process.stderr.write(`${message}: skipping the queue-mode tests\n`);
  return true;
}

export function uniquePrefix(): string {
  return `sytest:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
}

/** Deletes every key under the prefix. */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** The runtime owner string the worker writes into runs it holds (contains its pid). */
  pid: number;
}

/** Starts `scripts/worker.ts` (what `npm run worker` runs) with the given environment. */
export function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not get ready:\n${out}`)), 45_000);
    const onData = () => {
      if (!out.includes("[switchyard worker] ready")) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve({ child, output: () => out, exited, pid: child.pid! });
    };
    child.stdout.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it was ready:\n${out}`));
    });
  });
}

export async function stopWorker(worker: WorkerProcess | undefined): Promise<void> {
  if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  const timer = setTimeout(() => worker.child.kill("SIGKILL"), 10_000);
  await worker.exited;
  clearTimeout(timer);
}

export interface RecordedCall {
  path: string;
  at: number;
}

/**
 * A loopback service: every request is recorded; paths under /slow/ answer after `slowMs`
 * and count how many were in flight at once.
 */
export class RecordingService {
  readonly calls: RecordedCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private server: Server | undefined;
  constructor(private readonly slowMs = 300) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = req.url ?? "/";
      this.calls.push({ path, at: Date.now() });
      req.resume();
      const answer = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, path }));
      if (!path.startsWith("/slow/")) return answer();
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      setTimeout(() => {
        this.inFlight--;
        answer();
      }, this.slowMs);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  count(path: string): number {
    return this.calls.filter((c) => c.path === path).length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
