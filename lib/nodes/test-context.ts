import type { z } from "zod";
import { createFakeClock, type FakeClock } from "@/lib/engine/clock";
import { AuthError } from "@/lib/engine/errors";
import {
  isRouted,
  type AnyNodeDefinition,
  type ArtifactInput,
  type Logger,
  type LogLevel,
  type NodeContext,
  type ResolvedCredential,
  type RunInfo,
  type SubflowResult,
} from "@/lib/engine/node-definition";

/**
 * A NodeContext for unit tests of one node's `run`: virtual time, variables in a Map, captured
 * artifacts, logs and sub-flow calls. Flows through the real engine are tested by the golden tests.
 */

export interface LogEntry {
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
}

export interface TestContextOptions {
  params?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  dryRun?: boolean;
  mapIndex?: number;
  clock?: FakeClock;
  fetch?: typeof fetch;
  credential?: ResolvedCredential;
  runFlow?: (flowRef: string, params: Record<string, unknown>) => Promise<SubflowResult>;
  run?: Partial<RunInfo>;
}

export interface TestContext extends NodeContext {
  readonly clock: FakeClock;
  readonly artifacts: ArtifactInput[];
  readonly variables: Map<string, unknown>;
  /** Variable writes a dry run recorded instead of making. */
  readonly captured: { name: string; value: unknown }[];
  readonly logs: LogEntry[];
  readonly subflowCalls: { flowRef: string; params: Record<string, unknown> }[];
  readonly controller: AbortController;
}

function memoryLogger(entries: LogEntry[], bindings: Record<string, unknown> = {}): Logger {
  const log = (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
    entries.push({ level, message, data: { ...bindings, ...data } });
  };
  return {
    log,
    debug: (m, d) => log("debug", m, d),
    info: (m, d) => log("info", m, d),
    warn: (m, d) => log("warn", m, d),
    error: (m, d) => log("error", m, d),
    child: (more) => memoryLogger(entries, { ...bindings, ...more }),
  };
}

const noNetwork: typeof fetch = () => Promise.reject(new Error("This test context has no network; pass options.fetch"));

export function createTestContext(options: TestContextOptions = {}): TestContext {
  const artifacts: ArtifactInput[] = [];
  const logs: LogEntry[] = [];
  const subflowCalls: { flowRef: string; params: Record<string, unknown> }[] = [];
  const variables = new Map<string, unknown>(Object.entries(options.vars ?? {}));
  const captured: { name: string; value: unknown }[] = [];
  const controller = new AbortController();
  const mapIndex = options.mapIndex;
  return {
    run: { id: "run_test", flowName: "Test flow", trigger: { kind: "test" }, attempt: 1, dryRun: options.dryRun ?? false, ...options.run },
    nodeId: "node",
    stepKey: mapIndex === undefined ? "node" : `node[${mapIndex}]`,
    attempt: 1,
    mapIndex,
    signal: controller.signal,
    controller,
    clock: options.clock ?? createFakeClock(),
    log: memoryLogger(logs),
    logs,
    fetch: options.fetch ?? noNetwork,
    dryRun: options.dryRun ?? false,
    params: options.params ?? {},
    inputs: options.inputs ?? {},
    credential: () => (options.credential ? Promise.resolve(options.credential) : Promise.reject(new AuthError("No credential"))),
    vars: {
      get: (name) => Promise.resolve(variables.get(name)),
      set: (name, value) => {
        // Like the engine for a side-effect node in a dry run: record the write, do not make it.
        if (options.dryRun) captured.push({ name, value });
        else variables.set(name, value);
        return Promise.resolve();
      },
    },
    captured,
    variables,
    artifact: (artifact) => {
      artifacts.push(artifact);
    },
    artifacts,
    runFlow: (flowRef, params) => {
      subflowCalls.push({ flowRef, params });
      if (!options.runFlow) return Promise.reject(new Error("This test context cannot run sub-flows; pass options.runFlow"));
      return options.runFlow(flowRef, params);
    },
    subflowCalls,
  };
}

export interface NodeResult {
  output: unknown;
  /** Values per taken port; a plain return value is sent on `out`. */
  ports: Record<string, unknown>;
}

/** Parses `config` with the node's schema (applying defaults, as the engine does) and runs it. */
export async function runNode(
  def: AnyNodeDefinition,
  config: Record<string, unknown>,
  input?: unknown,
  ctx: NodeContext = createTestContext(),
): Promise<NodeResult> {
  const configSchema = def.config as z.ZodType;
  const outputSchema = def.output as z.ZodType;
  const parsed: unknown = configSchema.parse(config);
  const result: unknown = await def.run(ctx, parsed, input);
  // Outputs must match the declared schema: the editor offers its fields for mapping.
  const output: unknown = isRouted(result) ? result.output : result;
  outputSchema.parse(output);
  if (isRouted(result)) return { output, ports: { ...result.ports } };
  return { output, ports: { out: output } };
}
