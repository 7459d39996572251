/**
 * Helpers for the webhook tests: a flow with a webhook trigger row, a webhook.secret
 * credential sealed by the real vault, and requests sent to the route handler.
 */
import { randomBytes } from "node:crypto";
import * as hookRoute from "@/app/api/hooks/[hookId]/route";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { createCredential } from "@/lib/server/credentials/credential-service";
import type { Db } from "@/lib/server/db/client";
import { createHookId, type WebhookConfigInput } from "@/lib/server/triggers/webhook-config";
import { call, type CallResult, type TestUser } from "@/tests/app/support/test-app";
import { chain, createFlow, node } from "@/tests/runtime/support";

/** webhook -> set a field -> if -> respond (true branch) / respond (false branch). */
export function respondFlow(name: string, extra: Partial<FlowDocument> = {}): FlowDocument {
  const base = chain(name, [
    node("hook", "core.trigger.webhook"),
    node("tag", "core.data.set-fields", { fields: { seen: true, amount: "{{ nodes.hook.output.body.amount }}" }, keepInput: false }),
    node("big", "core.logic.if", { condition: "amount > 100" }),
  ]);
  return {
    ...base,
    nodes: [
      ...base.nodes,
      node("yes", "core.flow.respond-webhook", {
        status: 201,
        headers: { "x-flow": "big" },
        body: { big: true, amount: "{{ nodes.tag.output.amount }}" },
      }),
      node("no", "core.flow.respond-webhook", { status: 200, body: "small" }),
    ],
    edges: [
      ...base.edges,
      { id: "ey", source: "big", sourcePort: "true", target: "yes", targetPort: "in" },
      { id: "en", source: "big", sourcePort: "false", target: "no", targetPort: "in" },
    ],
    ...extra,
  };
}

export async function createHook(
  db: Db,
  user: TestUser,
  config: WebhookConfigInput,
  document: FlowDocument = respondFlow("Hooked"),
  opts: { paused?: boolean } = {},
): Promise<{ hookId: string; triggerId: string; flowId: string }> {
  const flowId = await createFlow(db, user.workspace.id, document);
  const hookId = createHookId();
  const trigger = await db.trigger.create({
    data: {
      workspaceId: user.workspace.id,
      flowId,
      kind: "webhook",
      hookId,
      paused: opts.paused ?? false,
      config,
    },
  });
  return { hookId, triggerId: trigger.id, flowId };
}

export async function createSecret(db: Db, user: TestUser, secret: string): Promise<string> {
  const ctx = { db, caller: { userId: user.id, email: user.email, name: null, via: "session" as const } };
  const dto = await createCredential(ctx, user.workspace.slug, {
    type: "webhook.secret",
    name: `secret ${secret.slice(0, 4)}`,
    data: { secret },
  });
  return dto.id;
}

export const standardSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

export function send(
  hookId: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; query?: string } = {},
): Promise<CallResult> {
  const path = `/api/hooks/${hookId}${opts.query ? `?${opts.query}` : ""}`;
  const handler = (hookRoute as Record<string, typeof hookRoute.POST>)[opts.method ?? "POST"]!;
  return call(handler, {
    method: opts.method ?? "POST",
    path,
    params: { hookId },
    rawBody: opts.body,
    headers: { "content-type": "application/json", ...opts.headers },
  });
}
