import type { FlowDocument } from "@/lib/engine/flow-document";
import { WEBHOOK_REQUEST_PARAM } from "@/lib/nodes/trigger/webhook";
import { providerOfDb, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import type { Logger } from "@/lib/engine/node-definition";
import { validateParameters } from "@/lib/server/runtime/parameters";
import { newRunId, type Runtime } from "@/lib/server/runtime/runtime";
import { waitForAnswer } from "./webhook-answer";
import { deliveryInsertSql, isDuplicateDelivery, newDeliveryId, recordDelivery } from "./webhook-deliveries";
import { hookIdSchema } from "./webhook-config";
import { HookRefusal, hookError, jsonAnswer, refuse, type HookAnswer } from "./webhook-errors";
import { createHookRateLimiter, type HookRateLimiter } from "./webhook-rate-limit";
import type { HookRegistry, ReadyHook } from "./webhook-registry";
import {
  checkDeclaredLength,
  checkMediaType,
  describeRequest,
  mediaType,
  parseBody,
  tooLarge,
  visibleHeaders,
  type HookRequest,
} from "./webhook-request";

/**
 * `/api/hooks/:hookId` (SPEC §6), framework-free so the Next.js route and a bare Node
 * listener share it. In order, each step cheap before the next costs more:
 *
 *  1. the trigger, from a short-lived cache (404 unknown, 409 paused or misconfigured);
 *  2. the method (405) and the per-hook rate limit (429 + Retry-After), before any body byte;
 *  3. the raw body up to the trigger's limit (413), its media type (415);
 *  4. the signature or token over the raw body, in constant time (401);
 *  5. the body parsed (400) and the mapped parameters checked against the flow's spec (400);
 *  6. the run submitted through the runtime, stored `pending` in one transaction with its
 *     WebhookDelivery row — the request is durable before anything is answered; a
 *     `webhook-id` seen before finds the first delivery instead (200, its run id, no new run);
 *  7. (the runtime queues the run);
 *  8. `202 { runId }` at once, or in wait mode the answer of the run's "Respond to webhook".
 */

export interface WebhookIngestOptions {
  db: Db;
  runtime: () => Runtime;
  hooks: HookRegistry;
  limiter?: HookRateLimiter;
  logger: Logger;
  now?: () => number;
}

export interface WebhookIngest {
  handle(hookId: string, req: HookRequest): Promise<HookAnswer>;
  readonly hooks: HookRegistry;
}

/** How long a repeated delivery waits for the first one's run id while that one is still starting. */
const DUPLICATE_WAIT_MS = 2_000;
/** The trigger's lastFiredAt/lastRunId are written at most this often. */
const TOUCH_EVERY_MS = 1_000;

/** Parameters of the run: the mapped fields the flow declares (or all, without a spec), checked. */
function runParams(document: FlowDocument, fields: Record<string, unknown>): Record<string, unknown> {
  const spec = document.parameters;
  const given = spec ? Object.fromEntries(Object.keys(spec).flatMap((name) => (name in fields ? [[name, fields[name]]] : []))) : fields;
  const checked = validateParameters(document, given);
  if (checked.ok) return checked.params;
  const issues = checked.problems.map((p) => ({ path: p.path.join("."), message: p.message }));
  const first = issues[0]!;
  throw refuse(400, "validation_failed", `The request does not fit the flow's parameters: \`${first.path}\` ${first.message}.`, { issues });
}

export function createWebhookIngest(options: WebhookIngestOptions): WebhookIngest {
  const { db, hooks, logger } = options;
  const provider = providerOfDb(db);
  const limiter = options.limiter ?? createHookRateLimiter();
  const now = options.now ?? Date.now;
  const touched = new Map<string, number>();

  function touch(hook: ReadyHook, runId: string, at: number): void {
    if ((touched.get(hook.triggerId) ?? -Infinity) > at - TOUCH_EVERY_MS) return;
    touched.set(hook.triggerId, at);
    void db.trigger
      .update({ where: { id: hook.triggerId }, data: { lastFiredAt: new Date(at), lastRunId: runId } })
      .catch((err: unknown) => logger.warn("webhook trigger touch failed", { triggerId: hook.triggerId, error: String(err) }));
  }

  /** The first delivery of this message id, once it has a run (it may still be starting). */
  async function duplicate(hook: ReadyHook, messageId: string): Promise<HookAnswer> {
    const deadline = now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const first = await db.webhookDelivery.findUnique({
        where: { triggerId_messageId: { triggerId: hook.triggerId, messageId } },
        select: { id: true, runId: true },
      });
      if (first?.runId || now() >= deadline) {
        return jsonAnswer(200, { runId: first?.runId ?? null, duplicate: true, deliveryId: first?.id ?? null });
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function ingest(hookId: string, req: HookRequest): Promise<HookAnswer> {
    if (!hookIdSchema.safeParse(hookId).success) {
      return hookError(404, "not_found", "No webhook has this URL. Check the address on the flow's Triggers page.");
    }
    const hook = await hooks.get(hookId);
    if (!hook.ok) return hook.answer;
    const { config } = hook;
    const method = req.method.toUpperCase();
    if (!(config.methods as string[]).includes(method)) {
      return hookError(
        405,
        "method_not_allowed",
        `This webhook takes ${config.methods.join(", ")}, not ${method}.`,
        { allowed: config.methods },
        {
          allow: config.methods.join(", "),
        },
      );
    }
    const receivedAt = now();
    if (config.rateLimit) {
      const wait = limiter.take(hookId, config.rateLimit, receivedAt);
      if (wait > 0) {
        const seconds = Math.max(1, Math.ceil(wait));
        return hookError(
          429,
          "rate_limited",
          `This webhook takes at most ${config.rateLimit.perSecond} requests per second; retry in ${seconds} s.`,
          { retryAfterSeconds: seconds, perSecond: config.rateLimit.perSecond },
          { "retry-after": String(seconds) },
        );
      }
    }
    const contentType = mediaType(req.headers.get("content-type"));
    checkMediaType(contentType);
    checkDeclaredLength(req.headers, config.maxBodyBytes);
    const raw = await req.readBody(config.maxBodyBytes);
    if (raw === undefined) throw tooLarge(config.maxBodyBytes);

    const { messageId } = hook.verifier.verify(raw, req.headers);
    const headers = visibleHeaders(req.headers, hook.verifier.secretHeaders);
    const body = parseBody(raw, contentType);
    const described = describeRequest(req, { body, contentType, headers, messageId, receivedAt, params: config.params });
    const params = runParams(hook.document, described.fields);

    // The delivery is stored in the same transaction as its run: both or neither, one commit.
    const delivery = { triggerId: hook.triggerId, messageId: messageId ?? null, headers, body: raw.toString("utf8"), receivedAt };
    let deliveryId = newDeliveryId();
    const runtime = options.runtime();
    let runId = newRunId();
    try {
      const submitted = await runtime.submitRun({
        runId,
        alongside: [deliveryInsertSql(provider, { ...delivery, id: deliveryId, runId })],
        workspaceId: hook.workspaceId,
        flowId: hook.flowId,
        flowVersion: hook.flowVersion,
        document: hook.document,
        params: { ...params, [WEBHOOK_REQUEST_PARAM]: { ...described.data, deliveryId } },
        trigger: { kind: "webhook", id: hook.triggerId },
      });
      if (submitted.deduplicated) {
        // The flow's idempotency key found an earlier run: the request is stored as one more delivery of it.
        runId = submitted.runId;
        deliveryId = await recordDelivery(db, { ...delivery, runId });
      }
    } catch (err) {
      if (messageId && isDuplicateDelivery(err)) return duplicate(hook, messageId);
      if (err instanceof AppError && err.code === "conflict") {
        return hookError(503, "not_ready", err.message, null, { "retry-after": "5" });
      }
      throw err;
    }
    touch(hook, runId, receivedAt);

    if (config.response.mode === "wait") return waitForAnswer(runtime, runId, config.response.timeoutMs);
    return jsonAnswer(202, { runId, deliveryId });
  }

  return {
    hooks,
    async handle(hookId, req) {
      try {
        return await ingest(hookId, req);
      } catch (err) {
        if (err instanceof HookRefusal) return err.answer;
        const reference = Math.random().toString(36).slice(2, 10);
        logger.error("webhook request failed", {
          reference,
          hookId: hookId.slice(0, 6),
          error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
        });
        return hookError(500, "internal", `Something went wrong on our side (reference ${reference}).`);
      }
    },
  };
}
