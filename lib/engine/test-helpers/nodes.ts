import { z } from "zod";
import { createRegistry } from "../registry";
import { defineNode, routed, type AnyNodeDefinition } from "../node-definition";
import type { FlowDocument, FlowEdge, FlowNode, NodeSettings } from "../flow-document";

/** Tiny node types for the engine's own tests; the product's nodes live elsewhere. */

export const triggerNode = defineNode({
  type: "test.trigger",
  version: 1,
  title: "Trigger",
  description: "Starts a flow with its parameters",
  category: "trigger",
  icon: "play",
  config: z.object({}).strict(),
  output: z.unknown(),
  hasInput: false,
  ports: ["out"],
  sideEffect: false,
  run: (ctx) => Promise.resolve(ctx.params),
});

export const echoNode = defineNode({
  type: "test.echo",
  version: 1,
  title: "Echo",
  description: "Returns config.value, or its input",
  category: "data",
  icon: "copy",
  config: z.object({ value: z.unknown().optional() }).strict(),
  output: z.unknown(),
  ports: ["out"],
  sideEffect: false,
  run: (_ctx, config, input) => Promise.resolve(config.value === undefined ? input : config.value),
});

export const echoV2Node = defineNode({ ...echoNode, version: 2, title: "Echo v2" });

export const addNode = defineNode({
  type: "test.add",
  version: 1,
  title: "Add",
  description: "Adds n to a numeric input",
  category: "data",
  icon: "plus",
  config: z.object({ n: z.number(), label: z.string().optional() }).strict(),
  output: z.number(),
  ports: ["out"],
  sideEffect: false,
  run: (_ctx, config, input) => Promise.resolve((typeof input === "number" ? input : 0) + config.n),
});

export const ifNode = defineNode({
  type: "test.if",
  version: 1,
  title: "If",
  description: "Routes its input to true or false",
  category: "logic",
  icon: "split",
  config: z.object({ condition: z.boolean() }).strict(),
  output: z.unknown(),
  ports: ["true", "false"],
  sideEffect: false,
  run: (_ctx, config, input) => Promise.resolve(routed(input, { [config.condition ? "true" : "false"]: input })),
});

export const switchNode = defineNode({
  type: "test.switch",
  version: 1,
  title: "Switch",
  description: "Routes to case:<value>",
  category: "logic",
  icon: "switch",
  config: z.object({ cases: z.array(z.string()), value: z.string() }).strict(),
  output: z.unknown(),
  ports: (config: { cases: string[] }) => config.cases.map((c) => `case:${c}`),
  sideEffect: false,
  run: (_ctx, config, input) => Promise.resolve(routed(input, { [`case:${config.value}`]: input })),
});

export const mergeNode = defineNode({
  type: "test.merge",
  version: 1,
  title: "Merge",
  description: "Returns every live input keyed by source",
  category: "flow",
  icon: "merge",
  config: z.object({}).strict(),
  output: z.record(z.string(), z.unknown()),
  ports: ["out"],
  sideEffect: false,
  run: (ctx) => Promise.resolve({ ...ctx.inputs }),
});

export const needsCredentialNode = defineNode({
  type: "test.vendor.call",
  version: 1,
  title: "Vendor call",
  description: "Needs a credential",
  category: "integration",
  icon: "plug",
  credential: "test.token",
  config: z.object({}).strict(),
  output: z.unknown(),
  ports: ["out"],
  sideEffect: true,
  run: async (ctx) => (await ctx.credential()).id,
});

export const testDefinitions: AnyNodeDefinition[] = [
  triggerNode,
  echoNode,
  echoV2Node,
  addNode,
  ifNode,
  switchNode,
  mergeNode,
  needsCredentialNode,
];
export const testRegistry = (extra: AnyNodeDefinition[] = []) => createRegistry([...testDefinitions, ...extra]);

/** Builds a document from terse node and edge lists. */
export function flow(
  nodes: (Partial<FlowNode> & { id: string; type: string; settings?: NodeSettings })[],
  edges: (Partial<FlowEdge> & { source: string; target: string })[] = [],
  extra: Partial<FlowDocument> = {},
): FlowDocument {
  return {
    schema: "switchyard.flow/v1",
    name: extra.name ?? "test flow",
    ...extra,
    nodes: nodes.map((n, i) => ({ typeVersion: 1, position: { x: i * 200, y: 0 }, config: {}, ...n })),
    edges: edges.map((e, i) => ({ id: `e${i + 1}`, sourcePort: "out", targetPort: "in", ...e })),
  };
}

/** `a → b → c …` as a chain of nodes of one type. */
export function chain(ids: string[], type = "test.echo"): FlowDocument {
  return flow(
    ids.map((id) => ({ id, type })),
    ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id })),
  );
}
