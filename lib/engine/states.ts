/** Run and step states (SPEC §4) with their final sets, so callers never compare strings ad hoc. */

export const RUN_STATES = ["scheduled", "pending", "running", "completed", "failed", "crashed", "cancelled"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const STEP_STATES = ["pending", "running", "retrying", "completed", "failed", "cached", "skipped", "dry-run"] as const;
export type StepState = (typeof STEP_STATES)[number];

const FINAL_RUN_STATES: ReadonlySet<RunState> = new Set(["completed", "failed", "crashed", "cancelled"]);
const FINAL_STEP_STATES: ReadonlySet<StepState> = new Set(["completed", "failed", "cached", "skipped", "dry-run"]);
/** Step states whose stored output may be replayed on resume or retry-from-failure. */
const REUSABLE_STEP_STATES: ReadonlySet<StepState> = new Set(["completed", "cached", "skipped", "dry-run"]);

export const isFinalRunState = (s: RunState): boolean => FINAL_RUN_STATES.has(s);
export const isFinalStepState = (s: StepState): boolean => FINAL_STEP_STATES.has(s);
export const isReusableStepState = (s: StepState): boolean => REUSABLE_STEP_STATES.has(s);
