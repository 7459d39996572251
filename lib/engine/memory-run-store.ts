import type { ArtifactRecord, CacheEntry, RunEvent, RunPatch, RunRecord, RunStore, StepRecord } from "./run-store";

export interface MemoryRunStore extends RunStore {
  /** Number of runs held (for tests and the CLI). */
  size(): number;
  /** Drops everything. */
  clear(): void;
}

/**
 * RunStore in process memory: the CLI's store and the engine's test double. Records are kept
 * by reference (no copies) because the engine never mutates a record after saving it; that
 * keeps a step end at a Map write.
 */
export function createMemoryRunStore(): MemoryRunStore {
  const runs = new Map<string, RunRecord>();
  const steps = new Map<string, Map<string, StepRecord>>();
  const events = new Map<string, RunEvent[]>();
  const artifacts = new Map<string, ArtifactRecord[]>();
  const cache = new Map<string, CacheEntry>();

  return {
    createRun(run) {
      if (runs.has(run.id)) return Promise.reject(new Error(`Run ${run.id} already exists`));
      runs.set(run.id, { ...run });
      return Promise.resolve();
    },
    updateRun(runId, patch: RunPatch) {
      const run = runs.get(runId);
      if (!run) return Promise.reject(new Error(`Run ${runId} not found`));
      runs.set(runId, { ...run, ...patch });
      return Promise.resolve();
    },
    getRun(runId) {
      const run = runs.get(runId);
      return Promise.resolve(run ? { ...run } : null);
    },
    saveStep(step) {
      let byKey = steps.get(step.runId);
      if (!byKey) steps.set(step.runId, (byKey = new Map<string, StepRecord>()));
      byKey.set(step.key, step);
      return Promise.resolve();
    },
    listSteps(runId) {
      return Promise.resolve([...(steps.get(runId)?.values() ?? [])]);
    },
    appendEvents(batch) {
      for (const e of batch) {
        let list = events.get(e.runId);
        if (!list) events.set(e.runId, (list = []));
        list.push(e);
      }
      return Promise.resolve();
    },
    listEvents(runId, afterSeq, limit) {
      const list = events.get(runId) ?? [];
      const out = list.filter((e) => e.seq > afterSeq);
      return Promise.resolve(limit === undefined ? out : out.slice(0, limit));
    },
    saveArtifact(artifact) {
      let list = artifacts.get(artifact.runId);
      if (!list) artifacts.set(artifact.runId, (list = []));
      list.push(artifact);
      return Promise.resolve();
    },
    listArtifacts(runId) {
      return Promise.resolve([...(artifacts.get(runId) ?? [])]);
    },
    getCache(key, now) {
      const entry = cache.get(key);
      if (!entry) return Promise.resolve(null);
      if (entry.expiresAt <= now) {
        cache.delete(key);
        return Promise.resolve(null);
      }
      return Promise.resolve(entry);
    },
    putCache(entry) {
      cache.set(entry.key, entry);
      return Promise.resolve();
    },
    flush() {
      return Promise.resolve();
    },
    size: () => runs.size,
    clear() {
      runs.clear();
      steps.clear();
      events.clear();
      artifacts.clear();
      cache.clear();
    },
  };
}
