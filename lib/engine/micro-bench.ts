/**
 * Quick check of the engine's own cost, outside the test suite:
 *   node --expose-gc --import tsx lib/engine/micro-bench.ts
 * A 100-node chain of trivial nodes (CPU µs per node, so a busy machine skews it less than
 * wall time) and three mapped steps over N numbers, on the memory store. The full benchmark
 * with the product's nodes is `npm run bench:engine`.
 */
import { createEngine } from "./engine";
import { createLogger, silentWriter } from "./logger";
import { createMemoryRunStore } from "./memory-run-store";
import { chain, flow, testRegistry } from "./test-helpers/nodes";

const out = (line: string): void => {
  process.stdout.write(line + "\n");
};
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const store = createMemoryRunStore();
  const engine = createEngine({ registry: testRegistry(), store, logger: createLogger({ write: silentWriter }), heartbeatMs: 0 });

  const doc = chain(Array.from({ length: 100 }, (_, i) => `n${i}`));
  doc.nodes[0]!.config = { value: { id: 1, name: "x".repeat(100) } };
  for (let round = 0; round < 5; round++) {
    const runs = 200;
    gc();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await (await engine.startRun(doc)).done;
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - t0;
    out(
      `chain of 100, round ${round}: ${((used.user + used.system) / runs / 100).toFixed(1)} µs CPU per node, ${((wall * 1000) / runs / 100).toFixed(1)} µs wall`,
    );
    store.clear();
  }

  for (const items of [10_000, 100_000, 1_000_000]) {
    const mapped = flow(
      [
        { id: "src", type: "test.echo", config: { value: Array.from({ length: items }, (_, i) => i) } },
        { id: "t1", type: "test.add", config: { n: 1 }, settings: { mapOver: "{{ nodes.src.output }}", mapConcurrency: 10 } },
        { id: "t2", type: "test.add", config: { n: 2 }, settings: { mapOver: "{{ nodes.t1.output }}", mapConcurrency: 10 } },
        { id: "t3", type: "test.add", config: { n: 3 }, settings: { mapOver: "{{ nodes.t2.output }}", mapConcurrency: 10 } },
      ],
      [
        { source: "src", target: "t1" },
        { source: "t1", target: "t2" },
        { source: "t2", target: "t3" },
      ],
    );
    gc();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const record = await (await engine.startRun(mapped)).done;
    const used = process.cpuUsage(cpu);
    out(
      `map ${items} × 3: ${record.state}, ${Math.round(performance.now() - t0)} ms wall, ${((used.user + used.system) / items / 3).toFixed(2)} µs CPU per element, max RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    store.clear();
  }
}

void main();
