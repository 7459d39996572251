import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import type { ArtifactRowValues, EventRowValues, StepRowValues } from "./bulk-sql";
import type { StoredRunPatch } from "./records";

/** Writes waiting for the next flush, coalesced: one patch per run, one row per step and cache key. */
export interface PendingWrites {
  runPatches: Map<string, StoredRunPatch>;
  steps: Map<string, StepRowValues>;
  events: EventRowValues[];
  artifacts: ArtifactRowValues[];
  cache: Map<string, Prisma.CacheEntryUncheckedCreateInput>;
}

export const emptyWrites = (): PendingWrites => ({
  runPatches: new Map(),
  steps: new Map(),
  events: [],
  artifacts: [],
  cache: new Map(),
});

export const countWrites = (w: PendingWrites): number =>
  w.runPatches.size + w.steps.size + w.events.length + w.artifacts.length + w.cache.size;

const stepId = (runId: string, key: string) => `${runId}\u0000${key}`;

export class WriteBuffer {
  #writes = emptyWrites();

  get size(): number {
    return countWrites(this.#writes);
  }

  patchRun(runId: string, patch: StoredRunPatch): void {
    this.#writes.runPatches.set(runId, { ...this.#writes.runPatches.get(runId), ...patch });
  }

  /** A later save of the same (run, key) replaces the earlier one: only the last state is written. */
  saveStep(step: StepRowValues): void {
    // A re-saved step keeps its place and row id: steps are listed in the order first saved.
    const id = stepId(step.runId, step.key);
    const earlier = this.#writes.steps.get(id);
    this.#writes.steps.set(id, earlier ? { ...step, id: earlier.id } : step);
  }

  appendEvents(events: readonly EventRowValues[]): void {
    this.#writes.events.push(...events);
  }

  saveArtifact(artifact: ArtifactRowValues): void {
    this.#writes.artifacts.push(artifact);
  }

  putCache(entry: Prisma.CacheEntryUncheckedCreateInput): void {
    this.#writes.cache.set(entry.key, entry);
  }

  /** Everything buffered; the buffer is empty afterwards. */
  take(): PendingWrites {
    const writes = this.#writes;
    this.#writes = emptyWrites();
    return writes;
  }

  /** Puts back writes that could not be stored, under anything buffered since (newer wins). */
  restore(older: PendingWrites): void {
    const newer = this.#writes;
    const runPatches = new Map(older.runPatches);
    for (const [runId, patch] of newer.runPatches) runPatches.set(runId, { ...runPatches.get(runId), ...patch });
    const steps = new Map(older.steps);
    for (const [id, step] of newer.steps) {
      const earlier = steps.get(id);
      steps.set(id, earlier ? { ...step, id: earlier.id } : step);
    }
    this.#writes = {
      runPatches,
      steps,
      events: [...older.events, ...newer.events],
      artifacts: [...older.artifacts, ...newer.artifacts],
      cache: new Map([...older.cache, ...newer.cache]),
    };
  }
}

/** The writes split per run (and one group for the cache), so one run's bad data cannot block the others. */
export function splitByRun(writes: PendingWrites): PendingWrites[] {
  const groups = new Map<string, PendingWrites>();
  const group = (runId: string) => {
    let g = groups.get(runId);
    if (!g) groups.set(runId, (g = emptyWrites()));
    return g;
  };
  for (const [runId, patch] of writes.runPatches) group(runId).runPatches.set(runId, patch);
  for (const [id, step] of writes.steps) group(step.runId).steps.set(id, step);
  for (const event of writes.events) group(event.runId).events.push(event);
  for (const artifact of writes.artifacts) group(artifact.runId).artifacts.push(artifact);
  const out = [...groups.values()];
  if (writes.cache.size > 0) out.push({ ...emptyWrites(), cache: new Map(writes.cache) });
  return out;
}
