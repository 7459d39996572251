import net from "node:net";

/**
 * A small autocannon-like load generator: `connections` keep-alive sockets, each sending one
 * request at a time (no pipelining, as webhook senders do) and timing it from the first byte
 * written to the last byte of the answer read. Raw sockets keep the client's own cost low.
 */

export interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
}

function encode(port: number, req: LoadRequest): Buffer {
  const body = Buffer.from(req.body);
  const head = [
    `${req.method} ${req.path} HTTP/1.1`,
    `host: 127.0.0.1:${port}`,
    `content-length: ${body.length}`,
    "connection: keep-alive",
  ];
  for (const [name, value] of Object.entries(req.headers)) head.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n"), body]);
}

/** One connection that sends a request and resolves with its status when the answer is read. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | undefined;
  private failed: ((err: Error) => void) | undefined;
  readonly socket: net.Socket;

  constructor(port: number) {
    this.socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
    this.socket.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    this.socket.on("error", (err) => this.failed?.(err));
    this.socket.on("close", () => this.failed?.(new Error("connection closed")));
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once("connect", resolve);
      this.socket.once("error", reject);
    });
  }

  private parse(): void {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString("latin1");
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    const status = Number(head.slice(9, 12));
    this.buffer = this.buffer.subarray(end + 4 + length);
    const done = this.waiting;
    this.waiting = undefined;
    done?.(status);
  }

  send(bytes: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.failed = undefined;
    this.socket.destroy();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(latencies: number[], seconds: number, statuses: Record<string, number>): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    requests: latencies.length,
    seconds: round(seconds),
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    statuses,
  };
}

/** Closed loop: every connection sends its next request as soon as the last is answered. */
export async function closedLoop(port: number, connections: number, seconds: number, next: () => LoadRequest): Promise<LoadResult> {
  const pool = Array.from({ length: connections }, () => new Connection(port));
  await Promise.all(pool.map((c) => c.ready()));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    pool.map(async (c) => {
      while (performance.now() < until) {
        const bytes = encode(port, next());
        const t = performance.now();
        const status = await c.send(bytes);
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const c of pool) c.close();
  return summarize(latencies, elapsed, statuses);
}

/**
 * Open loop: `total` requests started at an even pace over `seconds`, on as many connections
 * as it takes (up to `maxConnections`); a request waits for a free connection when all are busy.
 */
export async function burst(
  port: number,
  total: number,
  seconds: number,
  maxConnections: number,
  next: (i: number) => LoadRequest,
): Promise<LoadResult & { lastAnsweredMs: number }> {
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const waiters: ((c: Connection) => void)[] = [];
  const acquire = async (): Promise<Connection> => {
    const free = idle.pop();
    if (free) return free;
    if (all.length < maxConnections) {
      const c = new Connection(port);
      all.push(c);
      await c.ready();
      return c;
    }
    return new Promise((resolve) => waiters.push(resolve));
  };
  const release = (c: Connection) => {
    const waiter = waiters.shift();
    if (waiter) waiter(c);
    else idle.push(c);
  };
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * seconds * 1000) / total;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const t = performance.now();
    sends.push(
      acquire().then(async (c) => {
        const status = await c.send(encode(port, next(i)));
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
        release(c);
      }),
    );
  }
  await Promise.all(sends);
  const elapsed = (performance.now() - started) / 1000;
  for (const c of all) c.close();
  return { ...summarize(latencies, elapsed, statuses), lastAnsweredMs: Math.round(elapsed * 1000) };
}
