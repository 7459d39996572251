import type { RunSummary } from "@/lib/engine/engine-api";

/**
 * What a run notification says, independent of where it goes: a headline with the outcome,
 * the flow, a link to the run, the failed node and the error, and how long the run took.
 */

export interface RunMessage {
  /** e.g. `❌ Lead opt-in failed`. */
  title: string;
  outcome: "success" | "failure" | "neutral";
  flow: string;
  state: string;
  runId: string;
  runUrl?: string;
  failedNode?: string;
  error?: string;
  duration?: string;
  /** The message as plain lines, for text-only channels. */
  lines: string[];
}

const ICONS: Record<RunMessage["outcome"], string> = { success: "✅", failure: "❌", neutral: "⚪" };

/** `2.4 s`, `3 min 12 s`, `1 h 5 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function runMessage(summary: RunSummary, runUrl: string | undefined): RunMessage {
  const outcome =
    summary.state === "completed" ? "success" : summary.state === "failed" || summary.state === "crashed" ? "failure" : "neutral";
  const title = `${ICONS[outcome]} ${summary.flowName} ${summary.state}`;
  const error = summary.error ? `${summary.error.message} (${summary.error.category})` : undefined;
  const duration =
    summary.startedAt !== undefined && summary.finishedAt !== undefined
      ? formatDuration(summary.finishedAt - summary.startedAt)
      : undefined;
  const lines = [
    title,
    `Flow: ${summary.flowName}`,
    `Run: ${runUrl ?? summary.runId}`,
    ...(summary.failedNode ? [`Failed node: ${summary.failedNode}`] : []),
    ...(error ? [`Error: ${error}`] : []),
    ...(duration ? [`Duration: ${duration}`] : []),
  ];
  return {
    title,
    outcome,
    flow: summary.flowName,
    state: summary.state,
    runId: summary.runId,
    ...(runUrl ? { runUrl } : {}),
    ...(summary.failedNode ? { failedNode: summary.failedNode } : {}),
    ...(error ? { error } : {}),
    ...(duration ? { duration } : {}),
    lines,
  };
}

/** Cuts `text` to `max` characters with an ellipsis, so a long error cannot break a vendor's limit. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
