import type { Clock } from "./node-definition";

/** Sleeps reject with the signal's reason, so callers can tell a cancel from a timeout. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException("Aborted", "AbortError");
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

export interface FakeClock extends Clock {
  /** Moves virtual time forward by `ms`, waking every sleeper due on the way (in due order). */
  advance(ms: number): Promise<void>;
  /** Keeps jumping to the next due sleeper until none is left (or `maxSteps` wakes happened). */
  runAll(maxSteps?: number): Promise<void>;
  /** Number of sleeps currently waiting. */
  pending(): number;
  /** Sets the current virtual time without waking anyone (for test setup). */
  set(now: number): void;
}

/** Lets promise chains woken by a timer run before the clock moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise<void>((r) => setImmediate(r));
}

/**
 * Virtual time for tests: `sleep` waits until `advance`/`runAll` moves the clock past its due
 * time. Real time never passes, so retry delays, Retry-After, timeouts, TTLs and breaker
 * cool-downs are tested exactly and instantly.
 */
export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  let seq = 0;
  let sleepers: Sleeper[] = [];

  const wakeDue = (): boolean => {
    const due = sleepers.filter((s) => s.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    if (due.length === 0) return false;
    sleepers = sleepers.filter((s) => s.at > now);
    for (const s of due) s.resolve();
    return true;
  };

  const clock: FakeClock = {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<void>((resolve, reject) => {
        const sleeper: Sleeper = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(abortReason(signal as AbortSignal));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        sleepers.push(sleeper);
      });
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        const next = sleepers.reduce((min, s) => (s.at < min ? s.at : min), Infinity);
        if (next > target) break;
        now = Math.max(now, next);
        wakeDue();
        await settle();
      }
      now = target;
      wakeDue();
      await settle();
    },
    async runAll(maxSteps = 10_000) {
      await settle();
      for (let i = 0; i < maxSteps && sleepers.length > 0; i++) {
        const next = sleepers.reduce((min, s) => (s.at < min ? s.at : min), Infinity);
        now = Math.max(now, next);
        wakeDue();
        await settle();
      }
    },
    pending: () => sleepers.length,
    set(value) {
      now = value;
    },
  };
  return clock;
}
