import { z } from "zod";
import type { EngineEvent } from "@/lib/engine/engine-api";
import { RUN_STATES, STEP_STATES } from "@/lib/engine/states";
import { createEventBatcher, type FrameScheduler } from "./event-batcher";

/**
 * Follows a run's Server-Sent Events. Messages are parsed as they arrive and delivered in one
 * batch per animation frame; EventSource reconnects by itself with Last-Event-ID. The `end`
 * event (final state) closes the stream.
 */

const errorSchema = z.object({ message: z.string(), category: z.string().catch("unknown") }).loose();
const base = { runId: z.string(), at: z.number() };
export const engineEventSchema: z.ZodType<EngineEvent> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run.state"), ...base, state: z.enum(RUN_STATES), error: errorSchema.optional() }).loose(),
  z
    .object({
      type: z.literal("step.state"),
      ...base,
      stepKey: z.string(),
      nodeId: z.string(),
      mapIndex: z.number().optional(),
      state: z.enum(STEP_STATES),
      attempt: z.number().optional(),
      durationMs: z.number().optional(),
      error: errorSchema.optional(),
    })
    .loose(),
  z
    .object({
      type: z.literal("step.retry"),
      ...base,
      stepKey: z.string(),
      nodeId: z.string(),
      attempt: z.number(),
      delayMs: z.number(),
      error: errorSchema,
    })
    .loose(),
  z.object({ type: z.literal("step.progress"), ...base, nodeId: z.string(), done: z.number(), total: z.number() }).loose(),
  z
    .object({
      type: z.literal("log"),
      ...base,
      level: z.enum(["debug", "info", "warn", "error"]),
      message: z.string(),
      stepKey: z.string().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .loose(),
  z
    .object({
      type: z.literal("artifact"),
      ...base,
      stepKey: z.string(),
      artifactId: z.string(),
      kind: z.string(),
      title: z.string().optional(),
    })
    .loose(),
]);

export function parseEngineEvent(data: string): EngineEvent | null {
  try {
    const parsed = engineEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface RunEventsHandlers {
  onEvents: (events: EngineEvent[]) => void;
  onEnd?: () => void;
  onError?: (message: string) => void;
}

export interface EventSourceLike {
  onmessage: ((e: { data: string }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  addEventListener(type: string, listener: (e: { data?: string }) => void): void;
  close(): void;
  readonly readyState: number;
}

export function followRunEvents(
  url: string,
  handlers: RunEventsHandlers,
  opts: { schedule?: FrameScheduler; open?: (url: string) => EventSourceLike } = {},
): () => void {
  const open = opts.open ?? ((u: string) => new EventSource(u, { withCredentials: true }) as unknown as EventSourceLike);
  const batcher = createEventBatcher<EngineEvent>(handlers.onEvents, opts.schedule);
  const source = open(url);
  let closed = false;
  source.onmessage = (e) => {
    const event = parseEngineEvent(e.data);
    if (event) batcher.push(event);
  };
  source.addEventListener("end", () => {
    batcher.flush();
    closed = true;
    source.close();
    handlers.onEnd?.();
  });
  source.onerror = () => {
    // CLOSED (2) means the browser gave up (e.g. 401/404); otherwise it is reconnecting.
    if (!closed && source.readyState === 2) handlers.onError?.("Lost the live connection to this run.");
  };
  return () => {
    closed = true;
    batcher.flush();
    batcher.dispose();
    source.close();
  };
}
