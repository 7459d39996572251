import { RateLimitedError } from "@/lib/engine/errors";
import type { NodeContext } from "@/lib/engine/node-definition";

/** Wait used when a vendor rate-limits without saying how long. */
const DEFAULT_WAIT_MS = 1000;

/**
 * For the second and later requests of one step (the next page of a listing, the next batch of
 * a bulk write): a 429 here waits the vendor's Retry-After on the step's clock and sends the
 * same request again, instead of failing the step and redoing the requests already done.
 * The first request of a step is left to the engine's retry policy.
 */
export async function continueThroughRateLimits<T>(
  ctx: Pick<NodeContext, "clock" | "signal" | "log">,
  send: () => Promise<T>,
  options: { what: string; maxWaits?: number },
): Promise<T> {
  const maxWaits = options.maxWaits ?? 5;
  for (let waits = 0; ; waits++) {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof RateLimitedError) || waits >= maxWaits) throw err;
      const waitMs = err.retryAfterMs ?? DEFAULT_WAIT_MS;
      ctx.log.warn(`Rate limited while fetching ${options.what}; waiting before continuing`, { waitMs, wait: waits + 1 });
      await ctx.clock.sleep(waitMs, ctx.signal);
    }
  }
}
