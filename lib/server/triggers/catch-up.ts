import type { ScheduleConfig } from "./schedule-config";
import { lastFireAtOrBefore, nextFireAfter } from "./schedule-math";

/**
 * What a due schedule does at `now` (docs/triggers.md, "Catch-up"). Fires are never queued up:
 * however many came due since `nextFireAt` — one tick late or a week while no server ran —
 * at most one run starts, for the latest of them, and the schedule moves on to its first
 * fire after `now`. A fire more than MISSED_AFTER_MS late was missed (no server was up to
 * fire it): `catchUp: "once"` still runs it once, `"skip"` starts nothing.
 */

export const MISSED_AFTER_MS = 60_000;

export interface FirePlan {
  /** The fire to run now (its `run.scheduledAt`), or undefined when the missed fires are skipped. */
  fireAt: number | undefined;
  /** Whether the earliest pending fire was missed (more than MISSED_AFTER_MS late). */
  missed: boolean;
  /** The schedule's next fire after now; null when it has ended. */
  next: number | null;
}

export function planFire(config: ScheduleConfig, nextFireAt: number, now: number): FirePlan {
  const latestDue = lastFireAtOrBefore(config, now) ?? nextFireAt;
  const missed = now - nextFireAt > MISSED_AFTER_MS;
  const fireAt = missed && config.catchUp === "skip" ? undefined : Math.max(latestDue, nextFireAt);
  return { fireAt, missed, next: nextFireAfter(config, now) };
}
