import { createEngine, createLogger, createMemoryRunStore, createRegistry, FLOW_SCHEMA_ID, silentWriter, systemClock } from "@/lib/engine";
import type { FakeClock } from "@/lib/engine/clock";
import { NotFoundError } from "@/lib/engine/errors";
import type { EngineEvent } from "@/lib/engine/engine-api";
import type { FlowDocument, FlowEdge, FlowNode, NodeSettings } from "@/lib/engine/flow-document";
import type { AnyNodeDefinition, ResolvedCredential } from "@/lib/engine/node-definition";
import type { RunRecord, StepRecord } from "@/lib/engine/run-store";

/**
 * Runs a flow document through the real engine with vendor nodes, credentials handed out
 * as the vault would, and (optionally) virtual time, for the flow-level tests of each vendor.
 */

export function flowNode(
  id: string,
  type: string,
  config: Record<string, unknown>,
  extra: { credential?: string; settings?: NodeSettings } = {},
): FlowNode {
  return { id, type, typeVersion: 1, position: { x: 0, y: 0 }, config, ...extra };
}

/** `"a"` or `"a:port"` to `"b"`. */
export function flowEdge(from: string, to: string): FlowEdge {
  const [source, port = "out"] = from.split(":") as [string, string?];
  return { id: `${source}-${port}-${to}`, source, sourcePort: port, target: to, targetPort: "in" };
}

export function flowDocument(name: string, nodes: FlowNode[], edges: FlowEdge[], parameters?: FlowDocument["parameters"]): FlowDocument {
  return { schema: FLOW_SCHEMA_ID, name, nodes, edges, ...(parameters ? { parameters } : {}) };
}

export interface FlowRun {
  run: RunRecord;
  steps: Map<string, StepRecord>;
  events: EngineEvent[];
  /** Time (virtual when a fake clock drives the run) at which each request was sent. */
  sentAt: number[];
  state(nodeId: string): string | undefined;
  output(nodeId: string): unknown;
}

export async function runFlow(
  document: FlowDocument,
  options: {
    nodes: readonly AnyNodeDefinition[];
    credentials: readonly ResolvedCredential[];
    params?: Record<string, unknown>;
    clock?: FakeClock;
    dryRun?: boolean;
  },
): Promise<FlowRun> {
  const store = createMemoryRunStore();
  const io = trackedFetch(options.clock);
  const byId = new Map(options.credentials.map((c) => [c.id, c]));
  const engine = createEngine({
    registry: createRegistry(options.nodes),
    store,
    clock: options.clock ?? systemClock,
    logger: createLogger({ write: silentWriter }),
    fetch: io.fetch,
    credentials: {
      resolve: (id) => {
        const credential = byId.get(id);
        return credential ? Promise.resolve(credential) : Promise.reject(new NotFoundError(`credential ${id}`));
      },
    },
  });
  const handle = await engine.startRun(document, { params: options.params, dryRun: options.dryRun, trigger: { kind: "test" } });
  const events: EngineEvent[] = [];
  handle.subscribe((e) => events.push(e));
  const run = options.clock ? await driveClock(options.clock, handle.done, () => io.inFlight) : await handle.done;
  await engine.shutdown(0);
  const steps = new Map((await store.listSteps(run.id)).map((s) => [s.key, s]));
  return { run, steps, events, sentAt: io.sentAt, state: (id) => steps.get(id)?.state, output: (id) => steps.get(id)?.output };
}

/**
 * The engine's fetch, counting requests until their body is read and noting the (virtual)
 * time each was sent, so virtual time only moves while no request is on the wire.
 */
function trackedFetch(clock: FakeClock | undefined): { fetch: typeof fetch; readonly inFlight: number; sentAt: number[] } {
  const state = { inFlight: 0, sentAt: [] as number[] };
  const tracked: typeof fetch = async (input, init) => {
    state.inFlight++;
    state.sentAt.push(clock ? clock.now() : Date.now());
    try {
      const res = await globalThis.fetch(input, init);
      const body = await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      state.inFlight--;
    }
  };
  return {
    fetch: tracked,
    get inFlight() {
      return state.inFlight;
    },
    sentAt: state.sentAt,
  };
}

/** Whenever something sleeps on the virtual clock and no request is on the wire, jump to its wake-up. */
async function driveClock<T>(clock: FakeClock, work: Promise<T>, inFlight: () => number): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  while (!settled) {
    if (inFlight() === 0 && clock.pending() > 0) await clock.runAll(1);
    else await new Promise((r) => setTimeout(r, 1));
  }
  return done;
}
