import type { RunEvent } from "@/lib/engine/run-store";

/**
 * Live run events inside this process. The run store publishes every event it is handed, so
 * a Server-Sent Events stream wakes up at once instead of polling, and a short in-memory
 * tail covers events the store has buffered but not yet written.
 */
export interface RunEventBus {
  publish(events: readonly RunEvent[]): void;
  subscribe(runId: string, listener: (event: RunEvent) => void): () => void;
  /** Buffered events of a run with seq > afterSeq. */
  recent(runId: string, afterSeq: number): RunEvent[];
  /** Drop a run's tail (its events are durable by then). */
  forget(runId: string): void;
}

const TAIL_LIMIT = 2_000;

export function createRunEventBus(): RunEventBus {
  const listeners = new Map<string, Set<(event: RunEvent) => void>>();
  const tails = new Map<string, RunEvent[]>();
  return {
    publish(events) {
      for (const event of events) {
        let tail = tails.get(event.runId);
        if (!tail) tails.set(event.runId, (tail = []));
        tail.push(event);
        if (tail.length > TAIL_LIMIT) tail.splice(0, tail.length - TAIL_LIMIT);
        for (const listener of listeners.get(event.runId) ?? []) listener(event);
      }
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId);
      if (!set) listeners.set(runId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
    recent(runId, afterSeq) {
      return (tails.get(runId) ?? []).filter((e) => e.seq > afterSeq);
    },
    forget(runId) {
      tails.delete(runId);
    },
  };
}
