import type { EngineEvent } from "./engine-api";
import type { RunEvent, RunStore } from "./run-store";

/** How many recent events a run keeps in memory to replay to a late subscriber. */
export const DEFAULT_EVENT_HISTORY = 5_000;
/** Pending events are written once this many have gathered, even mid-step. */
const BATCH_SIZE = 256;
/** …or after this long (real time), so live logs of a long step reach the store. Exported for tests that wait a batch out. */
export const EVENT_BATCH_DELAY_MS = 100;
const BATCH_DELAY_MS = EVENT_BATCH_DELAY_MS;

type Listener = (event: EngineEvent) => void;
const SETTLED: Promise<void> = Promise.resolve();

/**
 * A run's event stream: delivered at once to live subscribers (in order), kept in a bounded
 * history for late subscribers, and appended to the store in batches (at each step end, when
 * a batch fills, or shortly after the first pending event).
 */
export class RunEvents {
  private readonly listeners = new Set<Listener>();
  private readonly history: EngineEvent[] = [];
  private pending: EngineEvent[] = [];
  private pendingFirstSeq: number;
  private nextSeq: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = undefined;

  constructor(
    readonly runId: string,
    private readonly store: RunStore | null,
    startSeq = 0,
    private readonly historyLimit = DEFAULT_EVENT_HISTORY,
  ) {
    this.nextSeq = startSeq + 1;
    this.pendingFirstSeq = this.nextSeq;
  }

  emit(event: EngineEvent): void {
    this.nextSeq++;
    if (this.historyLimit > 0) {
      if (this.history.length >= this.historyLimit) this.history.shift();
      this.history.push(event);
    }
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A failing listener must not break the run or the other listeners.
      }
    }
    if (!this.store) return;
    this.pending.push(event);
    if (this.pending.length >= BATCH_SIZE) this.flush().catch(() => {});
    else if (this.timer === undefined) {
      // Armed at most once per delay and left running across flushes: no timer churn per step.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.pending.length > 0) this.flush().catch(() => {});
      }, BATCH_DELAY_MS);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  subscribe(listener: Listener): () => void {
    for (const e of this.history) {
      try {
        listener(e);
      } catch {
        // same as above
      }
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends pending events to the store; resolves when they (and earlier batches) are written.
   * Called at every step end, so it is promise chains, and a shared settled promise when
   * nothing is in flight.
   */
  flush(): Promise<void> {
    const store = this.store;
    if (store && this.pending.length > 0) {
      const batch = this.pending;
      const first = this.pendingFirstSeq;
      this.pending = [];
      this.pendingFirstSeq = this.nextSeq;
      const events = new Array<RunEvent>(batch.length);
      for (let i = 0; i < batch.length; i++) events[i] = toRunEvent(this.runId, first + i, batch[i]!);
      // Batches are written in order; a failed write is kept and reported by the next flush.
      this.inFlight++;
      this.writing = this.writing.then(() => store.appendEvents(events)).then(this.written, this.failed);
    }
    if (this.inFlight === 0) return this.failure === undefined ? SETTLED : Promise.reject(this.failureError());
    return this.writing.then(this.checked);
  }

  private inFlight = 0;
  private readonly written = (): void => {
    this.inFlight--;
  };
  private readonly failed = (err: unknown): void => {
    this.inFlight--;
    this.failure ??= err;
  };
  private readonly checked = (): void => {
    if (this.failure !== undefined) throw this.failureError();
  };

  private failureError(): Error {
    return this.failure instanceof Error ? this.failure : new Error("appending events failed");
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  close(): void {
    this.listeners.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export function toRunEvent(runId: string, seq: number, event: EngineEvent): RunEvent {
  const out: RunEvent = { runId, seq, at: event.at, type: event.type };
  let data: Record<string, unknown> | undefined;
  for (const k in event) {
    if (k === "type" || k === "at" || k === "runId") continue;
    const v = (event as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (k === "stepKey") out.stepKey = v as string;
    else (data ??= {})[k] = v;
  }
  if (data) out.data = data;
  return out;
}
