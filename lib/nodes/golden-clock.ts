import type { FakeClock } from "@/lib/engine/clock";

/**
 * Drives virtual time while a run is in flight: whenever something sleeps on the fake clock,
 * jump to its wake-up time; otherwise let real I/O and microtasks progress.
 */
export async function driveClock<T>(clock: FakeClock, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  while (!settled) {
    if (clock.pending() > 0) await clock.runAll(1);
    else await new Promise((r) => setTimeout(r, 1));
  }
  return done;
}
