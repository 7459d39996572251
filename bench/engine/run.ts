import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { CaseSpec, ChainResult, MapResult, StoreKind } from "./case";
import { runCase } from "./child-runner";
import { WARM_UP_ITEMS } from "./flows";
import { machineInfo } from "./machine";
import { writeSection } from "./results-file";

/**
 * `npm run bench:engine`: per-node overhead on a 100-node chain and mapOver throughput and
 * peak RSS with 10k, 100k and 1M items, on the in-memory and the SQLite run store. Every case
 * runs in its own process. Writes the "engine" section of bench/RESULTS.md.
 *
 * Every result is also saved under bench/out/engine/. Options: --quick (fewer iterations, no 1M
 * case), --no-sqlite, --no-write, --only <text> (run only the cases whose spec contains the
 * text, e.g. `memory-lean` or `"items":10000`; the others are taken from their saved results).
 */

const { values: options } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-sqlite": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const argv = new Set(Object.entries(options).flatMap(([k, v]) => (v === true ? [`--${k}`] : [])));
const quick = argv.has("--quick");
const SAVED_DIR = fileURLToPath(new URL("../out/engine/", import.meta.url));
const RESULTS = fileURLToPath(new URL("../RESULTS.md", import.meta.url));
const sqliteReady =
  !argv.has("--no-sqlite") &&
  existsSync(fileURLToPath(new URL("../../lib/server/run-store/prisma-run-store.ts", import.meta.url))) &&
  existsSync(fileURLToPath(new URL("../../tests/db/test-database.ts", import.meta.url)));

const TARGET_US_PER_NODE = 50;
const TARGET_1M_RSS_MB = 512;
const TARGET_10K_MS = 80;
const CHAIN_LENGTH = 100;
const MAP_CONCURRENCY = 10;
const CASE_TIMEOUT_MS = 60 * 60_000;
const LEAN_HEAP_CAP_MB = 320;

interface ChainRow {
  store: StoreKind;
  node: string;
  result?: ChainResult;
  error?: string;
}
interface MapRow {
  store: StoreKind;
  items: number;
  /** Run with `--max-old-space-size`: V8 collects sooner instead of growing the heap. */
  heapCapMb?: number;
  result?: MapResult;
  error?: string;
}

const log = (s: string): void => {
  process.stderr.write(s + "\n");
};

const savedFile = (spec: CaseSpec): string => path.join(SAVED_DIR, `${JSON.stringify(spec).replace(/[^a-z0-9]+/gi, "-")}.json`);

async function attempt<T>(spec: CaseSpec, maxOldSpaceMb?: number): Promise<{ result?: T; error?: string }> {
  const key = JSON.stringify(spec);
  if (options.only !== undefined && !key.includes(options.only)) {
    const file = savedFile(spec);
    if (!existsSync(file)) return { error: "not measured in this run" };
    log(`saved ${key}`);
    return JSON.parse(readFileSync(file, "utf8")) as { result?: T; error?: string };
  }
  log(`running ${key}`);
  let outcome: { result?: T; error?: string };
  try {
    outcome = { result: await runCase<T>(spec, { timeoutMs: CASE_TIMEOUT_MS, maxOldSpaceMb }) };
    log(`  ${JSON.stringify(outcome.result)}`);
  } catch (err) {
    outcome = { error: (err as Error).message.split("\n")[0] ?? "failed" };
    log(`  failed: ${outcome.error}`);
  }
  mkdirSync(SAVED_DIR, { recursive: true });
  writeFileSync(savedFile(spec), JSON.stringify(outcome));
  return outcome;
}

const loadAtStart = machineInfo().load;
const stores: StoreKind[] = sqliteReady ? ["memory", "sqlite"] : ["memory"];
const chains: ChainRow[] = [];
for (const store of stores) {
  for (const node of ["noop", "set-fields"] as const) {
    if (store === "sqlite" && node === "set-fields") continue;
    const iterations = store === "memory" ? (quick ? 100 : 1000) : quick ? 10 : 40;
    chains.push({ store, node, ...(await attempt<ChainResult>({ kind: "chain", length: CHAIN_LENGTH, node, iterations, store })) });
  }
}

const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const maps: MapRow[] = [];
for (const store of stores) {
  for (const items of sizes)
    maps.push({ store, items, ...(await attempt<MapResult>({ kind: "map", items, mapConcurrency: MAP_CONCURRENCY, store })) });
}
// Diagnosis: the same 1M map when the store keeps no step inputs and outputs, i.e. what the
// engine itself holds while it runs.
if (!quick) {
  const store = "memory-lean";
  maps.push({
    store,
    items: 1_000_000,
    ...(await attempt<MapResult>({ kind: "map", items: 1_000_000, mapConcurrency: MAP_CONCURRENCY, store })),
  });
  // …and with V8's old space capped: the peak above is mostly garbage V8 lets pile up between
  // full collections on a machine with plenty of memory; with a cap it must collect sooner.
  maps.push({
    store,
    items: 1_000_000,
    heapCapMb: LEAN_HEAP_CAP_MB,
    ...(await attempt<MapResult>(
      { kind: "map", items: 1_000_000, mapConcurrency: MAP_CONCURRENCY, store, heapCapMb: LEAN_HEAP_CAP_MB },
      LEAN_HEAP_CAP_MB,
    )),
  });
}

const m = machineInfo();
const fmt = (n: number): string => n.toLocaleString("en");
const verdict = (ok: boolean): string => (ok ? "meets target" : "**misses target**");

const chainTable = [
  "| store | chain of 100 | runs | µs per node (mean) | µs per node (median run) | CPU µs per node | p50 run | p95 run | GC | DB transactions per run | peak RSS |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...chains.map((c) =>
    c.result
      ? `| ${c.store} | ${c.node} | ${c.result.runs} | **${c.result.usPerNode}** | **${c.result.usPerNodeP50}** | ${c.result.cpuUsPerNode ?? "—"} | ${c.result.p50RunMs} ms | ${c.result.p95RunMs} ms | ${fmt(c.result.gcMs)} ms | ${c.result.transactionsPerRun ?? "—"} | ${c.result.peakRssMb} MB |`
      : `| ${c.store} | ${c.node} | — | failed: ${c.error ?? ""} | | | | | | | |`,
  ),
].join("\n");

const mapTable = [
  "| store | items | state | wall time | CPU | GC | items/s | element steps/s (3 maps) | peak RSS | RSS before run | longest event-loop stall |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...maps.map((r) => {
    const store = r.heapCapMb ? `${r.store}, heap capped at ${r.heapCapMb} MB` : r.store;
    return r.result
      ? `| ${store} | ${fmt(r.items)} | ${r.result.state} | ${fmt(r.result.wallMs)} ms | ${r.result.cpuMs === undefined ? "—" : `${fmt(r.result.cpuMs)} ms`} | ${fmt(r.result.gcMs)} ms | ${fmt(r.result.itemsPerSecond)} | ${fmt(r.result.elementStepsPerSecond)} | **${r.result.peakRssMb} MB** | ${r.result.baselineRssMb} MB | ${fmt(r.result.maxEventLoopDelayMs)} ms |`
      : `| ${store} | ${fmt(r.items)} | failed: ${r.error ?? ""} | | | | | | | | |`;
  }),
].join("\n");

const noop = chains.find((c) => c.store === "memory" && c.node === "noop")?.result;
const oneMillion = maps.find((r) => r.store === "memory" && r.items === 1_000_000)?.result;
const oneMillionLean = maps.find((r) => r.store === "memory-lean" && !r.heapCapMb)?.result;
const oneMillionCapped = maps.find((r) => r.store === "memory-lean" && r.heapCapMb)?.result;
const tenThousand = maps.find((r) => r.store === "memory" && r.items === 10_000)?.result;
const targets = [
  `- Per-node overhead in memory (no-op chain): ${noop ? `${noop.usPerNode} µs mean, ${noop.usPerNodeP50} µs in the median run — target < ${TARGET_US_PER_NODE} µs: ${verdict(noop.usPerNode < TARGET_US_PER_NODE)} (mean), ${verdict(noop.usPerNodeP50 < TARGET_US_PER_NODE)} (median run)` : "not measured"}.`,
  `- 1M items through three transforms, in memory: ${oneMillion ? `peak RSS ${oneMillion.peakRssMb} MB — target < ${TARGET_1M_RSS_MB} MB: ${verdict(oneMillion.peakRssMb < TARGET_1M_RSS_MB)} (this store keeps every step's output to the end — the generator's and the three maps', four arrays of a million records: ${oneMillion.heapAfterMb} MB of live heap after the run, on top of the process's ${oneMillion.baselineRssMb} MB before it)` : "not measured in this run"}.`,
  oneMillionLean
    ? `- The same 1M map with a store that keeps no step inputs or outputs (\`memory-lean\`, what the engine itself holds): peak RSS ${oneMillionLean.peakRssMb} MB — target < ${TARGET_1M_RSS_MB} MB: ${verdict(oneMillionLean.peakRssMb < TARGET_1M_RSS_MB)}${oneMillionCapped ? `; with V8's old space capped at ${LEAN_HEAP_CAP_MB} MB: ${oneMillionCapped.state}, peak RSS ${oneMillionCapped.peakRssMb} MB (${verdict(oneMillionCapped.state === "completed" && oneMillionCapped.peakRssMb < TARGET_1M_RSS_MB)})` : ""}.`
    : "",
  tenThousand
    ? `- 10,000 items through three transforms (product goal ≤ ${TARGET_10K_MS} ms; Node-RED measured at 246 ms in the peer figures): ${fmt(tenThousand.wallMs)} ms wall, ${tenThousand.cpuMs ?? "—"} ms CPU — ${verdict(tenThousand.wallMs <= TARGET_10K_MS)}.`
    : "",
  sqliteReady ? "" : "- SQLite store: pending (the Prisma run store or the test database helpers are not in the tree yet).",
]
  .filter(Boolean)
  .join("\n");

const section = `## Engine

\`npm run bench:engine\` (bench/engine/). Measured ${m.date} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}; one-minute load average ${loadAtStart} at the start and ${m.load} at the end on ${m.cpus} cores (a shared machine: figures are noisy, tails especially); each case in its own process${quick ? " (quick mode)" : ""}.

**Per-node overhead**: a manual trigger followed by 100 nodes in a row, run many times after a warm-up; µs per node is the total time divided by runs × 101 steps. \`noop\` is a bench-only node that returns its input (the engine's own cost); \`set-fields\` is the core node with a static config.

${chainTable}

**mapOver**: a generator node makes N small records (\`{ id, name, email, score }\`), then three \`core.data.transform\` nodes each map over the previous node's output (\`mapConcurrency\` ${MAP_CONCURRENCY}) with a JSONata expression per element. Each case first runs the same flow once over ${fmt(WARM_UP_ITEMS)} items (a server is warm; the figures are the engine's, not the JIT's first pass), then measures one run. Wall time covers the whole run; CPU is the process's user + system time during it (other processes on the machine cannot inflate it, GC threads count); element steps/s counts the three mapped nodes only. Peak RSS is the process's high-water mark (\`process.resourceUsage().maxRSS\`). The memory store keeps every step's output, so 1M items means four arrays of a million records held to the end; \`memory-lean\` keeps none (what the engine itself holds while it runs).

${mapTable}

Targets:

${targets}
`;

process.stdout.write(section + "\n");
if (!argv.has("--no-write")) {
  writeSection(RESULTS, "engine", section);
  log(`wrote ${RESULTS}`);
}
