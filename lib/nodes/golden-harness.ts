import {
  createEngine,
  createLogger,
  createMemoryRunStore,
  createRegistry,
  silentWriter,
  systemClock,
  validateFlow,
  FLOW_SCHEMA_ID,
  type ArtifactRecord,
  type Clock,
  type EngineEvent,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type NodeSettings,
  type RunRecord,
  type StepRecord,
} from "@/lib/engine";
import { coreNodes } from "./core-nodes";

/**
 * Golden tests: a small flow document through the real engine with the core registry and the
 * in-memory store. Builders keep the documents short; `runGolden` validates first, so a
 * document the editor would reject fails the test loudly.
 */

export function node(id: string, type: string, config: Record<string, unknown> = {}, settings?: NodeSettings): FlowNode {
  return { id, type, typeVersion: 1, position: { x: 0, y: 0 }, config, ...(settings ? { settings } : {}) };
}

/** `"a"` or `"a:port"` to `"b"`; the default port is `out`. */
export function edge(from: string, to: string): FlowEdge {
  const colon = from.indexOf(":");
  const source = colon < 0 ? from : from.slice(0, colon);
  const port = colon < 0 ? "out" : from.slice(colon + 1);
  return { id: `${source}-${port}-${to}`, source, sourcePort: port, target: to, targetPort: "in" };
}

export function flow(name: string, nodes: FlowNode[], edges: FlowEdge[], parameters?: FlowDocument["parameters"]): FlowDocument {
  return { schema: FLOW_SCHEMA_ID, name, nodes, edges, ...(parameters ? { parameters } : {}) };
}

export interface GoldenOptions {
  params?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  dryRun?: boolean;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Documents a sub-flow node may run, by reference. */
  flows?: Record<string, FlowDocument>;
}

export interface GoldenResult {
  run: RunRecord;
  steps: Map<string, StepRecord>;
  artifacts: ArtifactRecord[];
  variables: Map<string, unknown>;
  events: EngineEvent[];
  /** Any run in the store (children of sub-flows too). */
  getRun: (runId: string) => Promise<RunRecord | null>;
  state(nodeId: string): string | undefined;
  output(nodeId: string): unknown;
}

export async function runGolden(document: FlowDocument, options: GoldenOptions = {}): Promise<GoldenResult> {
  const registry = createRegistry(coreNodes);
  const checked = validateFlow(document, registry);
  if (!checked.ok) throw new Error(`invalid golden flow: ${JSON.stringify(checked.problems)}`);
  const store = createMemoryRunStore();
  const variables = new Map<string, unknown>(Object.entries(options.vars ?? {}));
  const engine = createEngine({
    registry,
    store,
    clock: options.clock ?? systemClock,
    logger: createLogger({ write: silentWriter }),
    fetch: options.fetch,
    variables: {
      get: (name) => Promise.resolve(variables.get(name)),
      set: (name, value) => {
        variables.set(name, value);
        return Promise.resolve();
      },
      all: () => Promise.resolve(Object.fromEntries(variables)),
    },
    flows: { load: (ref) => Promise.resolve(options.flows?.[ref] ? { document: options.flows[ref] } : null) },
  });
  const handle = await engine.startRun(checked.document, { params: options.params, dryRun: options.dryRun, trigger: { kind: "test" } });
  const events: EngineEvent[] = [];
  handle.subscribe((e) => events.push(e));
  const run = await handle.done;
  const steps = new Map((await store.listSteps(run.id)).map((s) => [s.key, s]));
  return {
    run,
    steps,
    artifacts: await store.listArtifacts(run.id),
    variables,
    events,
    getRun: (runId) => store.getRun(runId),
    state: (id) => steps.get(id)?.state,
    output: (id) => steps.get(id)?.output,
  };
}
