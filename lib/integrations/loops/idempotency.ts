import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import type { NodeContext } from "@/lib/engine/node-definition";
import { LOOPS_LIMITS } from "./constants";

export const idempotencyKeyField = z.string().optional().meta({
  title: "Idempotency key",
  description:
    "Loops refuses a second request with the same key for 24 hours. Empty: one key per run and step, so retries never send twice.",
  widget: "expression",
});

/**
 * The Idempotency-Key for a send: the configured one, or one derived from the run and step
 * key — the same on every retry and on resume, different per mapOver element and per run.
 */
export async function idempotencyKey(ctx: Pick<NodeContext, "run" | "stepKey">, configured: string | undefined): Promise<string> {
  const key = configured?.trim();
  if (key) {
    if (key.length > LOOPS_LIMITS.idempotencyKey) {
      throw new ValidationError(`The idempotency key may hold at most ${LOOPS_LIMITS.idempotencyKey} characters (got ${key.length})`, {
        path: ["idempotencyKey"],
      });
    }
    return key;
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${ctx.run.id}\u0000${ctx.stepKey}`));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `switchyard-${hex.slice(0, 48)}`;
}
