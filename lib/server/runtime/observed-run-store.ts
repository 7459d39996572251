import type { RunEvent, RunRecord, RunStore } from "@/lib/engine/run-store";
import type { SqlStatement } from "@/lib/server/run-store/bulk-sql";
import { isFinalRunState } from "@/lib/engine/states";
import { redactValue } from "@/lib/server/credentials/redact";
import type { RunEventBus } from "./run-event-bus";
import type { RunSecrets } from "./run-secrets";

/**
 * The run store the engine writes through: every record is redacted with the secrets its run
 * has touched before it is persisted, and every event is published on the live bus. When a
 * run reaches a final state its secrets and event tail are dropped after `lingerMs`, once
 * late writes (hooks, the final flush) are done.
 */
/** A run store that can create a run together with other rows in one transaction (PrismaRunStore). */
export interface RunStoreWithCompanions extends RunStore {
  createRunWith(run: RunRecord, alongside: readonly SqlStatement[]): Promise<void>;
}

export const writesAlongside = (store: RunStore): store is RunStoreWithCompanions =>
  typeof (store as Partial<RunStoreWithCompanions>).createRunWith === "function";

export function createObservedRunStore(
  inner: RunStore,
  opts: { bus: RunEventBus; secrets: RunSecrets; lingerMs?: number; onEvents?: (events: readonly RunEvent[]) => void },
): RunStore | RunStoreWithCompanions {
  const { bus, secrets } = opts;
  const linger = opts.lingerMs ?? 60_000;
  const scrub = <T>(runId: string, value: T): T => redactValue(value, secrets.of(runId));

  const release = (runId: string): void => {
    const timer = setTimeout(() => {
      secrets.forget(runId);
      bus.forget(runId);
    }, linger);
    timer.unref?.();
  };

  const observed: RunStore = {
    createRun: (run) => inner.createRun(scrub(run.id, run)),
    async updateRun(runId, patch) {
      await inner.updateRun(runId, scrub(runId, patch));
      if (patch.state && isFinalRunState(patch.state)) release(runId);
    },
    getRun: (runId) => inner.getRun(runId),
    saveStep: (step) => inner.saveStep(scrub(step.runId, step)),
    listSteps: (runId) => inner.listSteps(runId),
    async appendEvents(events) {
      const clean = events.map((e) => scrub(e.runId, e));
      bus.publish(clean);
      opts.onEvents?.(clean);
      await inner.appendEvents(clean);
    },
    listEvents: (runId, afterSeq, limit) => inner.listEvents(runId, afterSeq, limit),
    saveArtifact: (artifact) => inner.saveArtifact(scrub(artifact.runId, artifact)),
    listArtifacts: (runId) => inner.listArtifacts(runId),
    getCache: (key, now) => inner.getCache(key, now),
    putCache: (entry) => inner.putCache(redactValue(entry, secrets.all())),
    flush: () => inner.flush(),
  };
  if (!writesAlongside(inner)) return observed;
  return { ...observed, createRunWith: (run, alongside) => inner.createRunWith(scrub(run.id, run), alongside) };
}
