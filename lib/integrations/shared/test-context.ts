import { systemClock } from "@/lib/engine/clock";
import { AuthError } from "@/lib/engine/errors";
import type { z } from "zod";
import {
  isRouted,
  type ArtifactInput,
  type Clock,
  type LogLevel,
  type Logger,
  type NodeContext,
  type NodeDefinition,
  type ResolvedCredential,
} from "@/lib/engine/node-definition";

/**
 * A minimal step context for exercising one node definition against a loopback fake without
 * the engine: real fetch, a real (or given) clock, logs and artifacts kept for assertions.
 * Flows through the real engine are tested separately.
 */

export interface LogEntry {
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
}

export interface TestContext extends NodeContext {
  readonly logs: LogEntry[];
  readonly artifacts: ArtifactInput[];
}

export interface TestContextOptions {
  credential?: ResolvedCredential;
  fetch?: typeof fetch;
  clock?: Clock;
  signal?: AbortSignal;
  dryRun?: boolean;
  nodeId?: string;
}

function memoryLogger(logs: LogEntry[], bindings: Record<string, unknown> = {}): Logger {
  const log = (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
    logs.push({ level, message, data: { ...bindings, ...data } });
  };
  return {
    log,
    debug: (m, d) => log("debug", m, d),
    info: (m, d) => log("info", m, d),
    warn: (m, d) => log("warn", m, d),
    error: (m, d) => log("error", m, d),
    child: (more) => memoryLogger(logs, { ...bindings, ...more }),
  };
}

export function createTestContext(options: TestContextOptions = {}): TestContext {
  const logs: LogEntry[] = [];
  const artifacts: ArtifactInput[] = [];
  const vars = new Map<string, unknown>();
  const nodeId = options.nodeId ?? "node";
  return {
    run: { id: "run_test", flowName: "test", trigger: { kind: "test" }, attempt: 1, dryRun: options.dryRun ?? false },
    nodeId,
    stepKey: nodeId,
    attempt: 1,
    mapIndex: undefined,
    signal: options.signal ?? new AbortController().signal,
    clock: options.clock ?? systemClock,
    log: memoryLogger(logs),
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    dryRun: options.dryRun ?? false,
    params: {},
    inputs: {},
    credential: () => {
      if (!options.credential) return Promise.reject(new AuthError("This node has no credential"));
      return Promise.resolve(options.credential);
    },
    vars: {
      get: (name) => Promise.resolve(vars.get(name)),
      set: (name, value) => {
        vars.set(name, value);
        return Promise.resolve();
      },
    },
    artifact: (artifact) => {
      artifacts.push(artifact);
    },
    runFlow: () => Promise.reject(new Error("sub-flows are not available in the test context")),
    logs,
    artifacts,
  };
}

/** A clock whose sleeps return at once and are recorded, to assert waits without waiting. */
export function createRecordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = Date.parse("2025-01-01T00:00:00.000Z");
  return {
    sleeps,
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** Parses the raw config with the node's schema (as the engine does at run start) and runs it. */
export async function runNode<C extends z.ZodType, O extends z.ZodType>(
  definition: NodeDefinition<C, O>,
  ctx: NodeContext,
  config: z.input<C>,
  input: unknown = undefined,
): Promise<z.output<O>> {
  const parsed = definition.config.parse(config);
  const result = await definition.run(ctx, parsed, input);
  return isRouted(result) ? result.output : result;
}
