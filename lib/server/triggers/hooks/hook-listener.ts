import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { HookAnswer } from "../webhook-errors";
import { hookError } from "../webhook-errors";
import type { WebhookIngest } from "../webhook-ingest";
import type { HookRequest } from "../webhook-request";
import { observeWebhookLatency } from "@/lib/server/metrics";

/**
 * `/api/hooks/:hookId` on a bare Node `http` server: the same endpoint as the Next.js route,
 * without the framework's per-request work (routing, Web Request/Response objects, the
 * middleware chain). For a process that only takes webhooks, in front of or next to the app.
 */

const HOOK_PATH = /^\/api\/hooks\/([^/?#]+)\/?$/;

/** Node's headers (lower-case, repeated ones as arrays) read like Web Headers. */
function headersOf(req: IncomingMessage): HookRequest["headers"] {
  const value = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(", ") : v);
  return {
    get: (name) => value(req.headers[name.toLowerCase()]),
    *entries() {
      for (const [name, v] of Object.entries(req.headers)) {
        const text = value(v);
        if (text !== undefined) yield [name, text];
      }
    },
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", reject);
  });
}

export function hookRequestOfNode(req: IncomingMessage, url: URL): HookRequest {
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: headersOf(req),
    readBody: (limit) => readBody(req, limit),
  };
}

function send(res: ServerResponse, answer: HookAnswer, close: boolean): void {
  const headers: Record<string, string | number> = { ...answer.headers, "content-length": Buffer.byteLength(answer.body) };
  if (close) headers.connection = "close";
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

export function handleHookRequest(ingest: WebhookIngest, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://hooks.local");
  const match = HOOK_PATH.exec(url.pathname);
  if (!match) {
    send(res, hookError(404, "not_found", "Only /api/hooks/<id> is served here."), false);
    return;
  }
  let hookId: string;
  try {
    hookId = decodeURIComponent(match[1]!);
  } catch {
    send(res, hookError(404, "not_found", "No webhook has this URL."), false);
    return;
  }
  const started = performance.now();
  void ingest.handle(hookId, hookRequestOfNode(req, url)).then(
    // A refused body may not have been read to its end: close rather than reuse the connection.
    (answer) => {
      observeWebhookLatency(performance.now() - started, answer.status);
      send(res, answer, !req.readableEnded);
    },
    () => send(res, hookError(500, "internal", "Something went wrong on our side."), true),
  );
}

export function createHookListener(ingest: WebhookIngest): Server {
  const server = createServer((req, res) => handleHookRequest(ingest, req, res));
  server.keepAliveTimeout = 65_000;
  return server;
}
