import { createHash } from "node:crypto";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { evaluateExpression } from "@/lib/engine/expressions";
import { AppError } from "@/lib/server/http/app-error";

/**
 * A flow's `settings.idempotencyKey` (SPEC §2): an expression over the run's parameters. Runs
 * of one flow with the same key inside the window are one run: the second request gets the
 * first run's id. Only a hash of the key is stored (keys are often e-mail addresses).
 */

export const DEFAULT_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The hashed key, or undefined when the flow has none or it evaluates to nothing. */
export async function idempotencyKeyOf(
  document: FlowDocument,
  params: Record<string, unknown>,
  vars: Record<string, unknown>,
): Promise<string | undefined> {
  const template = document.settings?.idempotencyKey;
  if (!template || template.trim() === "") return undefined;
  let value: unknown;
  try {
    value = await evaluateExpression(
      template,
      { params, nodes: {}, vars, run: { flowName: document.name } },
      { field: "settings.idempotencyKey" },
    );
  } catch (err) {
    throw new AppError("validation_failed", `The flow's idempotency key cannot be evaluated: ${(err as Error).message}`, {
      details: { issues: [{ path: "settings.idempotencyKey", message: (err as Error).message, code: "custom" }] },
    });
  }
  if (value === undefined || value === null || value === "") return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return "sha256:" + createHash("sha256").update(text, "utf8").digest("hex");
}

/** Serialises work per key inside this process, so two requests with one key cannot both start a run. */
export function createKeyedMutex() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withKey<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    tails.set(key, settled);
    try {
      return await next;
    } finally {
      if (tails.get(key) === settled) tails.delete(key);
    }
  };
}
