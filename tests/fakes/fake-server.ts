import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The base of every vendor fake: a loopback HTTP server that records each request and can be
 * scripted per test (fail the next N calls, rate-limit them, delay them). Vendor fakes add
 * their routes and contract checks on top (see tests/fakes/<vendor>/).
 */

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1/databases/abc/query?x=1`. */
  url: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
  at: number;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

interface Scripted {
  remaining: number;
  reply: (req: RecordedRequest) => FakeReply;
}

export interface FakeRoute {
  method: string;
  /** Path pattern with `:name` segments, e.g. `/v1/pages/:id`. */
  pattern: string;
  handler: (req: RecordedRequest, params: Record<string, string>) => FakeReply | Promise<FakeReply>;
}

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private scripted: Scripted[] = [];
  private delayMs = 0;
  private readonly routes: FakeRoute[] = [];

  constructor(
    private readonly options: {
      /** Checks every request before routing (auth headers, versions); return a reply to short-circuit. */
      guard?: (req: RecordedRequest) => FakeReply | undefined;
      notFound?: (req: RecordedRequest) => FakeReply;
    } = {},
  ) {}

  route(method: string, pattern: string, handler: FakeRoute["handler"]): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
    return this;
  }

  /** The next `count` requests get `reply` instead of their normal answer. */
  failNext(count: number, reply: FakeReply | ((req: RecordedRequest) => FakeReply)): this {
    this.scripted.push({ remaining: count, reply: typeof reply === "function" ? reply : () => reply });
    return this;
  }

  /** Delay every answer by `ms` (0 to stop). */
  delay(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.scripted = [];
    this.delayMs = 0;
  }

  get url(): string {
    if (!this.server) throw new Error("fake server not started");
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Listens on loopback; port 0 (the default) picks a free port, a fixed one serves as a local sandbox. */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const parsed = new URL(req.url ?? "/", "http://fake");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const recorded: RecordedRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      url: req.url ?? "/",
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers,
      rawBody,
      body: parseJson(rawBody),
      at: Date.now(),
    };
    this.requests.push(recorded);

    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const reply = await this.answer(recorded);
    const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === "string" ? "text/plain" : "application/json";
    res.writeHead(reply.status, { "content-type": type, ...reply.headers });
    res.end(body);
  }

  private async answer(req: RecordedRequest): Promise<FakeReply> {
    const script = this.scripted[0];
    if (script) {
      script.remaining -= 1;
      if (script.remaining <= 0) this.scripted.shift();
      return script.reply(req);
    }
    const guarded = this.options.guard?.(req);
    if (guarded) return guarded;
    for (const route of this.routes) {
      if (route.method !== req.method) continue;
      const params = matchPath(route.pattern, req.path);
      if (params) {
        try {
          return await route.handler(req, params);
        } catch (err) {
          return { status: 500, body: { error: `fake handler failed: ${(err as Error).message}` } };
        }
      }
    }
    return this.options.notFound?.(req) ?? { status: 404, body: { error: `no fake route for ${req.method} ${req.path}` } };
  }
}

function parseJson(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Matches `/v1/pages/:id` against `/v1/pages/abc`; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

/** `--port 4020` (or `--port=4020`) from a command line, for fakes started as a standalone sandbox. */
export function portFromArgs(argv: readonly string[], fallback: number): number {
  const index = argv.findIndex((arg) => arg === "--port" || arg.startsWith("--port="));
  if (index < 0) return fallback;
  const arg = argv[index]!;
  const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port expects a port number, got ${String(raw)}`);
  return port;
}
