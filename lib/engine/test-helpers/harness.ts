import { createFakeClock, type FakeClock } from "../clock";
import { createEngine } from "../engine";
import type { Engine, EngineDeps, EngineEvent, RunHandle } from "../engine-api";
import { createLogger, type LogRecord } from "../logger";
import { createMemoryRunStore, type MemoryRunStore } from "../memory-run-store";
import type { AnyNodeDefinition } from "../node-definition";
import type { RunRecord } from "../run-store";
import { testRegistry } from "./nodes";

export interface Harness {
  engine: Engine;
  store: MemoryRunStore;
  clock: FakeClock;
  /** Every structured log line the engine wrote. */
  logs: LogRecord[];
  /** Starts a run and collects its events. */
  start(
    doc: Parameters<Engine["startRun"]>[0],
    options?: Parameters<Engine["startRun"]>[1],
  ): Promise<RunHandle & { events: EngineEvent[] }>;
  /** Drives virtual time until the run ends. */
  finish(handle: RunHandle): Promise<RunRecord>;
}

/** An engine on a memory store and a virtual clock, with the test node types plus `extra`. */
export function harness(extra: AnyNodeDefinition[] = [], deps: Partial<EngineDeps> = {}): Harness {
  const clock = createFakeClock();
  const store = createMemoryRunStore();
  const logs: LogRecord[] = [];
  const logger = createLogger({ level: "debug", now: () => clock.now(), write: (line) => logs.push(JSON.parse(line) as LogRecord) });
  const engine = createEngine({ registry: testRegistry(extra), store, clock, logger, heartbeatMs: 0, random: () => 0.5, ...deps });
  return {
    engine,
    store,
    clock,
    logs,
    async start(doc, options) {
      const handle = await engine.startRun(doc, options);
      const events: EngineEvent[] = [];
      handle.subscribe((e) => events.push(e));
      return Object.assign(handle, { events });
    },
    finish: (handle) => driveUntil(clock, handle.done),
  };
}

/** Wakes sleepers one at a time until `done` settles. */
export async function driveUntil<T>(clock: FakeClock, done: Promise<T>): Promise<T> {
  let settled = false;
  let value: T | undefined;
  void done.then((v) => {
    settled = true;
    value = v;
  });
  for (let i = 0; i < 100_000 && !settled; i++) {
    if (clock.pending() > 0) await clock.runAll(1);
    else await new Promise<void>((r) => setImmediate(r));
  }
  if (!settled) throw new Error("run did not finish");
  return value as T;
}

/** A promise with its resolver exposed, for gating node work from a test. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}
