import { getVault } from "@/lib/server/credentials/vault-instance";
import { getDb } from "@/lib/server/db/client";
import { databaseUrlFromEnv } from "@/lib/server/db/database-url";
import { serverLogger } from "@/lib/server/http/logger";
import { getRuntime } from "@/lib/server/runtime/get-runtime";
import type { HookAnswer } from "./webhook-errors";
import { createWebhookIngest, type WebhookIngest } from "./webhook-ingest";
import { createHookRegistry } from "./webhook-registry";
import type { HookRequest } from "./webhook-request";

// One ingest per process and database, on globalThis so Next.js dev reloads reuse its caches.
const holder = globalThis as typeof globalThis & { __switchyardWebhooks?: { key: string; ingest: WebhookIngest } };

/** The process's webhook endpoint, wired to its database, vault and runtime. */
export function getWebhookIngest(): WebhookIngest {
  const key = databaseUrlFromEnv();
  if (holder.__switchyardWebhooks?.key !== key) {
    const db = getDb();
    const ingest = createWebhookIngest({
      db,
      runtime: getRuntime,
      hooks: createHookRegistry({ db, vault: getVault() }),
      logger: serverLogger().child({ component: "webhooks" }),
    });
    holder.__switchyardWebhooks = { key, ingest };
  }
  return holder.__switchyardWebhooks.ingest;
}

/**
 * Forget what the endpoint cached about a hook (all hooks without an id): call it after a
 * trigger, its flow or its secret changed, so this process sees the change at once (others
 * within the cache's two seconds).
 */
export function forgetWebhook(hookId?: string): void {
  holder.__switchyardWebhooks?.ingest.hooks.forget(hookId);
}

/** Reads a Web stream up to `limit` bytes; undefined (and the stream cancelled) past it. */
async function readLimited(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer | undefined> {
  if (!stream) return Buffer.alloc(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** A Web `Request` (Next.js route handlers) as the endpoint reads it. */
export function hookRequestOf(req: Request): HookRequest {
  const url = new URL(req.url);
  return {
    method: req.method,
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    readBody: (limit) => readLimited(req.body, limit),
  };
}

export function webResponseOf(answer: HookAnswer): Response {
  return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  });
}
