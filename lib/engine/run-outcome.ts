import type { RunSummary } from "./engine-api";
import type { Redactor } from "./redact";
import type { RunPlan } from "./run-plan";
import type { RunRecord, SerializedError } from "./run-store";
import { errorSummary, serializeError } from "./serialize-error";
import type { RunState } from "./states";

export interface RunOutcome {
  state: RunState;
  error: SerializedError | undefined;
  failedNode: string | undefined;
}

/**
 * A run's final state: a crash wins, then an interruption (shutdown leaves it `pending`,
 * cancel makes it `cancelled`, the flow timeout `failed`), then the first failed node.
 */
export function runOutcome(
  facts: {
    crash: unknown;
    interrupt: { kind: "cancel" | "timeout" | "shutdown"; reason: Error } | undefined;
    failures: readonly { nodeId: string; error: SerializedError }[];
  },
  redactor: Redactor,
): RunOutcome {
  if (facts.crash !== undefined) return { state: "crashed", error: redactor.redact(serializeError(facts.crash)), failedNode: undefined };
  if (facts.interrupt?.kind === "shutdown") return { state: "pending", error: undefined, failedNode: undefined };
  if (facts.interrupt) {
    return {
      state: facts.interrupt.kind === "cancel" ? "cancelled" : "failed",
      error: serializeError(facts.interrupt.reason),
      failedNode: undefined,
    };
  }
  const first = facts.failures[0];
  if (!first) return { state: "completed", error: undefined, failedNode: undefined };
  return {
    state: "failed",
    failedNode: first.nodeId,
    error: {
      ...first.error,
      message: `Node "${first.nodeId}" failed: ${first.error.message}`,
      details: { ...(first.error.details ?? {}), nodeId: first.nodeId },
    },
  };
}

/** The run's output: `{ <leaf id>: output }` for every leaf that produced a value. */
export function leafOutputs(plan: RunPlan, outputs: Readonly<Record<string, { output: unknown }>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { outbound } = plan.graph;
  plan.nodes.forEach((n, i) => {
    const o = outputs[n.node.id];
    if (outbound[i]!.length === 0 && o) out[n.node.id] = o.output;
  });
  return out;
}

export function runSummary(record: RunRecord, outcome: RunOutcome, startedAt: number | undefined, finishedAt: number): RunSummary {
  return {
    runId: record.id,
    flowId: record.flowId,
    flowName: record.document.name,
    state: outcome.state,
    failedNode: outcome.failedNode,
    error: outcome.error ? errorSummary(outcome.error) : undefined,
    startedAt: startedAt ?? record.createdAt,
    finishedAt,
  };
}
