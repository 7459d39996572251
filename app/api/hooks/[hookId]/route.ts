import { observeWebhookLatency } from "@/lib/server/metrics";
import { getWebhookIngest, hookRequestOf, webResponseOf } from "@/lib/server/triggers/webhook-endpoint";

/**
 * A webhook trigger's public URL (SPEC §6). No session or API token: the unguessable id and
 * the trigger's own verification (signature or token) decide who may call it. Every method
 * goes to the endpoint, which answers 405 for those the trigger does not take.
 */

interface Params {
  hookId: string;
}

async function handle(req: Request, ctx: { params: Promise<Params> }): Promise<Response> {
  const started = performance.now();
  const { hookId } = await ctx.params;
  const answer = await getWebhookIngest().handle(hookId, hookRequestOf(req));
  observeWebhookLatency(performance.now() - started, answer.status);
  return webResponseOf(answer);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
