import type { NodeRunStatus } from "./run-view";

/**
 * Per-node decorations of the canvas (run status, validation problems) with per-node
 * subscriptions: a change to one node notifies that node's component only, so a run's events
 * never re-render a thousand nodes.
 */

export interface NodeDecoration {
  run?: NodeRunStatus;
  problems?: readonly string[];
}

export interface NodeStatusStore {
  get(nodeId: string): NodeDecoration | undefined;
  subscribe(nodeId: string, listener: () => void): () => void;
  setRun(statuses: ReadonlyMap<string, NodeRunStatus>, changed?: Iterable<string>): void;
  setProblems(problems: ReadonlyMap<string, readonly string[]>): void;
  clearRun(): void;
}

const EMPTY: NodeDecoration = {};

export function createNodeStatusStore(): NodeStatusStore {
  const values = new Map<string, NodeDecoration>();
  const listeners = new Map<string, Set<() => void>>();
  const notify = (id: string) => listeners.get(id)?.forEach((l) => l());
  const update = (id: string, patch: Partial<NodeDecoration>) => {
    const prev = values.get(id) ?? EMPTY;
    const next: NodeDecoration = { ...prev, ...patch };
    if (patch.run === undefined && "run" in patch) delete next.run;
    if (patch.problems === undefined && "problems" in patch) delete next.problems;
    values.set(id, next);
    notify(id);
  };
  return {
    get: (id) => values.get(id),
    subscribe(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },
    setRun(statuses, changed) {
      for (const id of changed ?? statuses.keys()) update(id, { run: statuses.get(id) });
    },
    setProblems(problems) {
      for (const [id, value] of values) {
        if (value.problems && !problems.has(id)) update(id, { problems: undefined });
      }
      for (const [id, list] of problems) {
        const prev = values.get(id)?.problems;
        if (prev && prev.length === list.length && prev.every((p, i) => p === list[i])) continue;
        update(id, { problems: list });
      }
    },
    clearRun() {
      for (const [id, value] of values) if (value.run) update(id, { run: undefined });
    },
  };
}
