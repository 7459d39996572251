import { PerformanceObserver } from "node:perf_hooks";
import {
  createEngine,
  createLogger,
  createMemoryRunStore,
  createRegistry,
  silentWriter,
  systemClock,
  validateFlow,
  type FlowDocument,
  type RunStore,
} from "@/lib/engine";
import { coreNodes } from "@/lib/nodes";
import { benchNodes } from "./bench-nodes";
import { chainFlow, mapFlow, WARM_UP_ITEMS } from "./flows";

/**
 * One measured case, in its own process (started by child-runner.ts). Prints one JSON line
 * with the figures on stdout.
 */

export type CaseSpec =
  | { kind: "chain"; length: number; node: "noop" | "set-fields"; iterations: number; store: StoreKind }
  | { kind: "map"; items: number; mapConcurrency: number; store: StoreKind; heapCapMb?: number };
/** `memory-lean`: the in-memory store, but step inputs and outputs are not kept (what the engine itself holds). */
export type StoreKind = "memory" | "memory-lean" | "sqlite";

export interface ChainResult {
  runs: number;
  totalMs: number;
  /** CPU time of the process over the timed runs, per node: what other processes on the machine cannot inflate. */
  cpuUsPerNode?: number;
  usPerNode: number;
  /** Per node from the median run: less sensitive to pauses caused by other processes. */
  usPerNodeP50: number;
  p50RunMs: number;
  p95RunMs: number;
  peakRssMb: number;
  /** Time spent in garbage collection during the timed runs. */
  gcMs: number;
  /** Database transactions per run (SQLite store only). */
  transactionsPerRun?: number;
}

export interface MapResult {
  state: string;
  wallMs: number;
  /** CPU time of the process during the run (user + system). */
  cpuMs?: number;
  mapMs: number;
  itemsPerSecond: number;
  elementStepsPerSecond: number;
  baselineRssMb: number;
  peakRssMb: number;
  heapAfterMb: number;
  gcMs: number;
  /** Longest time the event loop could not run timers or I/O during the run. */
  maxEventLoopDelayMs: number;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** The OS's high-water mark of this process's resident memory (kilobytes on Linux). */
const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

interface OpenStore {
  store: RunStore;
  close: () => Promise<void>;
  transactions: () => number | undefined;
  /** Drops finished runs kept in memory, so a long series measures runs rather than a growing heap. */
  forget: () => void;
}

async function openStore(kind: StoreKind): Promise<OpenStore> {
  if (kind === "memory" || kind === "memory-lean") {
    const memory = createMemoryRunStore();
    const store: RunStore =
      kind === "memory"
        ? memory
        : {
            ...memory,
            saveStep: (step) => memory.saveStep({ ...step, input: undefined, output: undefined, ports: undefined }),
          };
    return { store, close: () => Promise.resolve(), transactions: () => undefined, forget: () => memory.clear() };
  }
  const { withSqliteDb } = await import("@/tests/db/test-database");
  const { PrismaRunStore } = await import("@/lib/server/run-store/prisma-run-store");
  const { db, drop } = await withSqliteDb();
  const store = new PrismaRunStore(db);
  return {
    store,
    close: async () => {
      await store.flush();
      await drop();
    },
    transactions: () => store.stats().transactions,
    forget: () => undefined,
  };
}

function engineFor(store: RunStore) {
  const registry = createRegistry([...coreNodes, ...benchNodes]);
  return {
    registry,
    engine: createEngine({ registry, store, clock: systemClock, logger: createLogger({ write: silentWriter }) }),
  };
}

function checked(doc: FlowDocument, registry: ReturnType<typeof createRegistry>): FlowDocument {
  const result = validateFlow(doc, registry);
  if (!result.ok) throw new Error(`invalid bench flow: ${JSON.stringify(result.problems)}`);
  return result.document;
}

async function runOnce(engine: ReturnType<typeof createEngine>, doc: FlowDocument): Promise<{ state: string; runId: string }> {
  const handle = await engine.startRun(doc, { trigger: { kind: "test" } });
  const run = await handle.done;
  return { state: run.state, runId: run.id };
}

/**
 * The longest gap between ticks of a 10 ms interval: how long timers, I/O and other requests
 * of the process had to wait. (perf_hooks' histogram records nothing when no tick ever runs.)
 */
function watchEventLoop(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(longest, performance.now() - last));
    },
  };
}

const FORGET_EVERY = 50;

/** Sums garbage-collection pauses reported by the runtime. */
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function watchGc(): { stop: () => Promise<number> } {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration;
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop: async () => {
      // GC entries are delivered from the event loop; let the queued ones arrive first.
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const entry of observer.takeRecords()) total += entry.duration;
      observer.disconnect();
      return Math.round(total);
    },
  };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function chainCase(spec: Extract<CaseSpec, { kind: "chain" }>): Promise<ChainResult> {
  const { store, close, transactions, forget } = await openStore(spec.store);
  const { registry, engine } = engineFor(store);
  const doc = checked(chainFlow(spec.length, spec.node), registry);
  const warmup = Math.max(5, Math.round(spec.iterations / 10));
  for (let i = 0; i < warmup; i++) {
    const r = await runOnce(engine, doc);
    if (r.state !== "completed") throw new Error(`warm-up run ${r.state}`);
  }
  gc();
  const txBefore = transactions();
  const gcTime = watchGc();
  const cpu = process.cpuUsage();
  const times: number[] = [];
  for (let i = 0; i < spec.iterations; i++) {
    if (i % FORGET_EVERY === 0) forget();
    const t = performance.now();
    await runOnce(engine, doc);
    times.push(performance.now() - t);
    // Between runs the process returns to its event loop, as a server does between requests.
    await nextTick();
  }
  const totalMs = times.reduce((a, b) => a + b, 0);
  const cpuUsed = process.cpuUsage(cpu);
  const gcMs = await gcTime.stop();
  const txAfter = transactions();
  await engine.shutdown(0);
  await close();
  times.sort((a, b) => a - b);
  return {
    runs: spec.iterations,
    totalMs: Math.round(totalMs),
    // The trigger counts as a node too: length + 1 steps per run.
    usPerNode: Math.round(((totalMs * 1000) / (spec.iterations * (spec.length + 1))) * 10) / 10,
    cpuUsPerNode: Math.round(((cpuUsed.user + cpuUsed.system) / (spec.iterations * (spec.length + 1))) * 10) / 10,
    usPerNodeP50: Math.round(((percentile(times, 0.5) * 1000) / (spec.length + 1)) * 10) / 10,
    ...(txBefore !== undefined && txAfter !== undefined
      ? { transactionsPerRun: Math.round(((txAfter - txBefore) / spec.iterations) * 10) / 10 }
      : {}),
    p50RunMs: Math.round(percentile(times, 0.5) * 100) / 100,
    p95RunMs: Math.round(percentile(times, 0.95) * 100) / 100,
    peakRssMb: peakRssMb(),
    gcMs,
  };
}

async function mapCase(spec: Extract<CaseSpec, { kind: "map" }>): Promise<MapResult> {
  const { store, close, forget } = await openStore(spec.store);
  const { registry, engine } = engineFor(store);
  const doc = checked(mapFlow(spec.items, spec.mapConcurrency), registry);
  // A server runs warm: one small map of the same shape first, so the figures are the
  // engine's and not the JIT's first pass over its code.
  const warm = await runOnce(engine, checked(mapFlow(WARM_UP_ITEMS, spec.mapConcurrency), registry));
  if (warm.state !== "completed") throw new Error(`warm-up run ${warm.state}`);
  forget();
  gc();
  const baselineRssMb = mb(process.memoryUsage().rss);
  const loop = watchEventLoop();
  const gcTime = watchGc();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { state, runId } = await runOnce(engine, doc);
  const wallMs = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  const maxEventLoopDelayMs = loop.stop();
  const gcMs = await gcTime.stop();
  const steps = await store.listSteps(runId);
  const mapped = steps.filter((s) => s.mapIndex === undefined && /^t\d$/.test(s.nodeId));
  const mapMs = mapped.reduce((sum, s) => sum + ((s.finishedAt ?? 0) - (s.startedAt ?? 0)), 0);
  const peak = peakRssMb();
  gc();
  const heapAfterMb = mb(process.memoryUsage().heapUsed);
  await engine.shutdown(0);
  await close();
  return {
    state,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpuUsed.user + cpuUsed.system) / 1000),
    mapMs: Math.round(mapMs),
    itemsPerSecond: Math.round(spec.items / (wallMs / 1000)),
    elementStepsPerSecond: Math.round((spec.items * 3) / (mapMs / 1000)),
    baselineRssMb,
    peakRssMb: peak,
    heapAfterMb,
    maxEventLoopDelayMs,
    gcMs,
  };
}

const spec = JSON.parse(process.argv[2] ?? "{}") as CaseSpec;
const result = spec.kind === "chain" ? await chainCase(spec) : await mapCase(spec);
process.stdout.write(JSON.stringify(result) + "\n");
