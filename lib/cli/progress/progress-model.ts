import type { EngineEvent, FlowDocument, StepState } from "@/lib/engine";

/** What the progress displays know about each node, folded from the engine's event stream. */

export interface NodeProgress {
  id: string;
  label: string;
  state: StepState;
  attempt: number;
  durationMs?: number;
  error?: string;
  /** For mapOver nodes: elements finished out of the total, and how many failed. */
  mapped?: { done: number; total: number; failed: number };
}

export interface ProgressModel {
  readonly flowName: string;
  readonly nodes: readonly NodeProgress[];
  runId?: string;
  runState: string;
  startedAt: number;
  /** Applies one event; returns the node it changed, if any. */
  apply(event: EngineEvent): NodeProgress | undefined;
}

export function createProgressModel(document: FlowDocument, now: number): ProgressModel {
  const nodes = document.nodes.map<NodeProgress>((n) => ({ id: n.id, label: n.label ?? n.id, state: "pending", attempt: 0 }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const model: ProgressModel = {
    flowName: document.name,
    nodes,
    runState: "pending",
    startedAt: now,
    apply(event) {
      switch (event.type) {
        case "run.state":
          model.runId = event.runId;
          model.runState = event.state;
          return undefined;
        case "step.state": {
          const node = byId.get(event.nodeId);
          if (!node) return undefined;
          if (event.mapIndex === undefined) {
            node.state = event.state;
            if (event.attempt !== undefined) node.attempt = event.attempt;
            if (event.durationMs !== undefined) node.durationMs = event.durationMs;
            if (event.error) node.error = event.error.message;
            return node;
          }
          // An element event: the node is at work even if the engine sent no node-level event.
          if (node.state === "pending") node.state = "running";
          if (event.state === "failed") {
            node.mapped ??= { done: 0, total: 0, failed: 0 };
            node.mapped.failed++;
            if (event.error && !node.error) node.error = `[${event.mapIndex}] ${event.error.message}`;
          }
          return node;
        }
        case "step.progress": {
          const node = byId.get(event.nodeId);
          if (!node) return undefined;
          node.mapped = { done: event.done, total: event.total, failed: node.mapped?.failed ?? 0 };
          if (node.state === "pending") node.state = "running";
          return node;
        }
        case "step.retry": {
          const node = byId.get(event.nodeId);
          if (!node) return undefined;
          node.state = "retrying";
          node.attempt = event.attempt;
          node.error = event.error.message;
          return node;
        }
        default:
          return undefined;
      }
    },
  };
  return model;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
