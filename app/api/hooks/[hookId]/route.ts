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
  const { hookId } = await ctx.params;
  return webResponseOf(await getWebhookIngest().handle(hookId, hookRequestOf(req)));
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
