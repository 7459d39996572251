import type { RunHandle } from "@/lib/engine/engine-api";

/**
 * The embedded run queue: runs start in arrival order while fewer than `globalLimit` run in
 * this process and fewer than their flow's `maxConcurrentRuns` run at all; a run held back
 * by its flow's limit does not hold back other flows' runs behind it.
 */

export interface QueuedRun {
  runId: string;
  /** Which limit group the run counts against (its flow). */
  flowKey: string;
  /** The flow's `settings.maxConcurrentRuns`; no per-flow limit when undefined. */
  flowLimit?: number;
  start(): Promise<RunHandle>;
}

export interface RunQueue {
  enqueue(run: QueuedRun): void;
  /** Removes a run that has not started yet; false when it is not waiting. */
  withdraw(runId: string): boolean;
  isWaiting(runId: string): boolean;
  /** The handle of a run this queue started and that has not finished. */
  active(runId: string): RunHandle | undefined;
  waitingIds(): string[];
  activeIds(): string[];
  /** Stop starting runs (shutdown); waiting runs stay where they are. */
  stop(): void;
  /** Resolves when no started run is still going. */
  drained(): Promise<void>;
  stats(): { waiting: number; active: number };
}

export interface RunQueueOptions {
  globalLimit: number;
  /** Called when a run fails to start (the engine rejected it). */
  onStartError?: (runId: string, error: unknown) => void;
  /** Called when a run leaves the queue's count (finished, or failed to start). */
  onVacate?: (runId: string) => void;
}

export function createRunQueue(options: RunQueueOptions): RunQueue {
  const waiting: QueuedRun[] = [];
  const handles = new Map<string, RunHandle>();
  /** Runs counted against limits: starting or running. */
  const occupying = new Map<string, string>();
  const perFlow = new Map<string, number>();
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  const occupy = (run: QueuedRun): void => {
    occupying.set(run.runId, run.flowKey);
    perFlow.set(run.flowKey, (perFlow.get(run.flowKey) ?? 0) + 1);
  };
  const vacate = (runId: string): void => {
    const flowKey = occupying.get(runId);
    if (flowKey === undefined) return;
    occupying.delete(runId);
    handles.delete(runId);
    const left = (perFlow.get(flowKey) ?? 1) - 1;
    if (left <= 0) perFlow.delete(flowKey);
    else perFlow.set(flowKey, left);
    options.onVacate?.(runId);
    if (occupying.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
    pump();
  };

  const launch = (run: QueuedRun): void => {
    occupy(run);
    run.start().then(
      (handle) => {
        handles.set(run.runId, handle);
        void handle.done.finally(() => vacate(run.runId));
      },
      (err: unknown) => {
        options.onStartError?.(run.runId, err);
        vacate(run.runId);
      },
    );
  };

  function pump(): void {
    if (stopped) return;
    for (let i = 0; i < waiting.length && occupying.size < options.globalLimit;) {
      const run = waiting[i]!;
      const inFlow = perFlow.get(run.flowKey) ?? 0;
      if (run.flowLimit !== undefined && inFlow >= run.flowLimit) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      launch(run);
    }
  }

  return {
    enqueue(run) {
      if (occupying.has(run.runId) || waiting.some((w) => w.runId === run.runId)) return;
      waiting.push(run);
      pump();
    },
    withdraw(runId) {
      const i = waiting.findIndex((w) => w.runId === runId);
      if (i < 0) return false;
      waiting.splice(i, 1);
      return true;
    },
    isWaiting: (runId) => waiting.some((w) => w.runId === runId),
    active: (runId) => handles.get(runId),
    waitingIds: () => waiting.map((w) => w.runId),
    activeIds: () => [...occupying.keys()],
    stop() {
      stopped = true;
    },
    drained() {
      if (occupying.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    stats: () => ({ waiting: waiting.length, active: occupying.size }),
  };
}
