import type { RunEvent, RunRecord, RunStore } from "@/lib/engine/run-store";
import { isFinalRunState } from "@/lib/engine/states";
import type { RunEventBus } from "./run-event-bus";

/**
 * A run's events as Server-Sent Events (SPEC §9). Stored events after the client's last seen
 * sequence number are replayed first, then live ones follow as they are appended. Every
 * message is a default `message` event whose `id` is the event's sequence number and whose
 * data is the engine event (plus `seq`), so `EventSource` resumes by itself with
 * `Last-Event-ID`. When the run has reached its final state and every event has been sent,
 * an `end` event carries the final state and the stream closes. Comment lines keep idle
 * connections open through proxies.
 */

export interface RunEventStreamOptions {
  runId: string;
  afterSeq: number;
  store: RunStore;
  bus: RunEventBus;
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** Fallback wake-up for runs executed by another process (no local bus events). */
  pollMs?: number;
  /** True while this process still holds the run (a retry waiting for a slot shows a final state). */
  isLive?: (runId: string) => boolean;
  /** Safety cap on one connection's life; the client reconnects with Last-Event-ID. */
  maxDurationMs?: number;
}

const BATCH = 500;
const FINAL_GRACE_PASSES = 3;
const FINAL_GRACE_MS = 100;
const encoder = new TextEncoder();

/** The wire form of one stored event: the engine event it was recorded from. */
export function eventPayload(event: RunEvent): Record<string, unknown> {
  return {
    ...event.data,
    type: event.type,
    runId: event.runId,
    at: event.at,
    ...(event.stepKey !== undefined ? { stepKey: event.stepKey } : {}),
    seq: event.seq,
  };
}

export function formatSseEvent(event: RunEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(eventPayload(event))}\n\n`;
}

function isFinalEvent(event: RunEvent): boolean {
  const state = event.data?.state;
  return event.type === "run.state" && typeof state === "string" && isFinalRunState(state as RunRecord["state"]);
}

/** Stored events merged with the bus tail (events appended but maybe not yet written). */
async function nextEvents(opts: RunEventStreamOptions, afterSeq: number): Promise<RunEvent[]> {
  const stored = await opts.store.listEvents(opts.runId, afterSeq, BATCH);
  const bySeq = new Map<number, RunEvent>();
  for (const e of stored) bySeq.set(e.seq, e);
  for (const e of opts.bus.recent(opts.runId, afterSeq)) if (!bySeq.has(e.seq)) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function runEventStream(opts: RunEventStreamOptions): ReadableStream<Uint8Array> {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const pollMs = opts.pollMs ?? 1_000;
  const maxDurationMs = opts.maxDurationMs ?? 30 * 60_000;
  let closed = false;
  let wake: (() => void) | undefined;
  const unsubscribe = opts.bus.subscribe(opts.runId, () => wake?.());
  const onAbort = () => {
    closed = true;
    wake?.();
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const cleanup = () => {
    closed = true;
    unsubscribe();
    opts.signal?.removeEventListener("abort", onAbort);
    wake?.();
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const startedAt = Date.now();
      let lastSeq = opts.afterSeq;
      let lastBeat = Date.now();
      let finalPasses = 0;
      try {
        send("retry: 3000\n\n");
        while (!closed) {
          const events = await nextEvents(opts, lastSeq);
          let sawFinal = false;
          for (const event of events) {
            if (event.seq <= lastSeq) continue;
            send(formatSseEvent(event));
            lastSeq = event.seq;
            sawFinal ||= isFinalEvent(event);
          }
          if (events.length >= BATCH) continue;
          const run = await opts.store.getRun(opts.runId);
          const live = opts.isLive?.(opts.runId) ?? false;
          if (!run || ((sawFinal || isFinalRunState(run.state)) && !live)) {
            // The final event may be appended just after the run's state: give it a moment.
            if (!sawFinal && run && finalPasses++ < FINAL_GRACE_PASSES) {
              await sleep(FINAL_GRACE_MS);
              continue;
            }
            send(`event: end\ndata: ${JSON.stringify({ runId: opts.runId, state: run?.state ?? null, lastSeq })}\n\n`);
            break;
          }
          if (Date.now() - startedAt > maxDurationMs) break;
          if (Date.now() - lastBeat >= heartbeatMs) {
            send(": ping\n\n");
            lastBeat = Date.now();
          }
          await sleep(Math.min(pollMs, heartbeatMs));
        }
      } catch {
        send(`event: error\ndata: ${JSON.stringify({ message: "The event stream failed; reconnect to resume." })}\n\n`);
      } finally {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      }
    },
    cancel() {
      cleanup();
    },
  });
}
