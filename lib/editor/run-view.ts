import type { EngineEvent } from "@/lib/engine/engine-api";
import { isFinalStepState, type RunState, type StepState } from "@/lib/engine/states";

/** What the canvas shows of a node during and after a run. */
export interface NodeRunStatus {
  state: StepState;
  attempt?: number;
  durationMs?: number;
  error?: string;
  /** mapOver progress. */
  done?: number;
  total?: number;
}

export interface RunView {
  runId: string | null;
  state: RunState | null;
  error?: string;
  nodes: ReadonlyMap<string, NodeRunStatus>;
  logCount: number;
  artifactCount: number;
}

export const emptyRunView = (runId: string | null = null): RunView => ({
  runId,
  state: null,
  nodes: new Map(),
  logCount: 0,
  artifactCount: 0,
});

/**
 * Folds a batch of engine events into the run view. Returns the same object when nothing
 * changed, and the ids of the nodes whose status changed, so only those re-render.
 */
export function applyRunEvents(view: RunView, events: readonly EngineEvent[]): { view: RunView; changed: Set<string> } {
  const changed = new Set<string>();
  let nodes: Map<string, NodeRunStatus> | null = null;
  let { state, error, logCount, artifactCount } = view;
  const write = (id: string, status: NodeRunStatus) => {
    nodes ??= new Map(view.nodes);
    nodes.set(id, status);
    changed.add(id);
  };
  const current = (id: string) => (nodes ?? view.nodes).get(id);
  for (const ev of events) {
    if (view.runId && ev.runId !== view.runId) continue;
    switch (ev.type) {
      case "run.state":
        state = ev.state;
        error = ev.error?.message;
        break;
      case "step.state": {
        const prev = current(ev.nodeId);
        if (ev.mapIndex !== undefined) {
          // One element of a mapped node: count finished elements; the node's own step carries its state.
          const done = (prev?.done ?? 0) + (isFinalStepState(ev.state) ? 1 : 0);
          write(ev.nodeId, { ...(prev ?? { state: "running" }), done });
          break;
        }
        write(ev.nodeId, {
          ...(prev?.total !== undefined ? { done: prev.done, total: prev.total } : {}),
          state: ev.state,
          ...(ev.attempt !== undefined ? { attempt: ev.attempt } : {}),
          ...(ev.durationMs !== undefined ? { durationMs: ev.durationMs } : {}),
          ...(ev.error ? { error: ev.error.message } : {}),
        });
        break;
      }
      case "step.retry": {
        const prev = current(ev.nodeId);
        write(ev.nodeId, { ...(prev ?? {}), state: "retrying", attempt: ev.attempt, error: ev.error.message });
        break;
      }
      case "step.progress": {
        const prev = current(ev.nodeId);
        write(ev.nodeId, { ...(prev ?? { state: "running" }), done: ev.done, total: ev.total });
        break;
      }
      case "log":
        logCount++;
        break;
      case "artifact":
        artifactCount++;
        break;
    }
  }
  if (!nodes && state === view.state && error === view.error && logCount === view.logCount && artifactCount === view.artifactCount) {
    return { view, changed };
  }
  return {
    view: { runId: view.runId, state, ...(error ? { error } : {}), nodes: nodes ?? view.nodes, logCount, artifactCount },
    changed,
  };
}
