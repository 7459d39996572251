import { abortReason, systemClock } from "./clock";
import type { LimitBackend } from "./engine-api";
import type { Clock } from "./node-definition";

/**
 * In-process rate and concurrency limits. Rates use GCRA with a burst of one: calls under a
 * key are spaced at least 1000/perSecond ms apart, in arrival order. A shared implementation
 * (Redis) can replace this behind the same interface.
 */
export function createMemoryLimitBackend(options: { clock?: Clock } = {}): LimitBackend {
  const clock = options.clock ?? systemClock;
  /** Theoretical arrival time of the next call, per key. */
  const nextAt = new Map<string, number>();
  const slots = new Map<string, { held: number; waiters: { grant: () => void }[] }>();

  return {
    async acquireRate(key, perSecond, signal) {
      if (signal.aborted) throw abortReason(signal);
      const interval = 1000 / perSecond;
      const now = clock.now();
      const at = Math.max(now, nextAt.get(key) ?? now);
      nextAt.set(key, at + interval);
      if (at > now) await clock.sleep(at - now, signal);
    },

    acquireSlot(key, limit, signal) {
      if (signal.aborted) return Promise.reject(abortReason(signal));
      let entry = slots.get(key);
      if (!entry) slots.set(key, (entry = { held: 0, waiters: [] }));
      const e = entry;
      const release = (): void => {
        const next = e.waiters.shift();
        if (next) next.grant();
        else if (--e.held === 0) slots.delete(key);
      };
      const once = (): (() => void) => {
        let done = false;
        return () => {
          if (!done) {
            done = true;
            release();
          }
        };
      };
      if (e.held < limit) {
        e.held++;
        return Promise.resolve(once());
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          grant: () => {
            signal.removeEventListener("abort", onAbort);
            // The slot passes straight from the releaser to this waiter; `held` stays the same.
            resolve(once());
          },
        };
        const onAbort = (): void => {
          const i = e.waiters.indexOf(waiter);
          if (i >= 0) e.waiters.splice(i, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener("abort", onAbort, { once: true });
        e.waiters.push(waiter);
      });
    },
  };
}
