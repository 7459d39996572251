import { z } from "zod";
import { defineNode, type AnyNodeDefinition } from "@/lib/engine";

/**
 * Node types used only by the benchmarks: a no-op, so a chain measures the engine's own cost
 * per node, and a generator of small items, so a map measures the engine and the transforms
 * rather than JSON parsing of a huge parameter.
 */

export const noopNode = defineNode({
  type: "bench.flow.noop",
  version: 1,
  title: "No-op",
  description: "Passes its input on.",
  category: "flow",
  icon: "circle",
  config: z.object({}),
  output: z.unknown(),
  ports: ["out"],
  sideEffect: false,
  run: (_ctx, _config, input) => Promise.resolve(input),
});

export interface BenchItem {
  id: number;
  name: string;
  email: string;
  score: number;
}

export const generateNode = defineNode({
  type: "bench.data.generate",
  version: 1,
  title: "Generate items",
  description: "Outputs `count` small records.",
  category: "data",
  icon: "database",
  config: z.object({ count: z.number().int().min(0) }),
  output: z.array(z.unknown()),
  ports: ["out"],
  sideEffect: false,
  run(_ctx, config) {
    const items = new Array<BenchItem>(config.count);
    for (let i = 0; i < config.count; i++) items[i] = { id: i, name: `item-${i}`, email: `user${i}@example.com`, score: i % 100 };
    return Promise.resolve(items);
  },
});

export const benchNodes: readonly AnyNodeDefinition[] = [noopNode, generateNode];
