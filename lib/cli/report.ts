import type { ArtifactRecord, FlowDocument, RunRecord, StepRecord } from "@/lib/engine";
import type { Paint } from "./colors";
import { formatDuration } from "./progress/progress-model";

/** The finished run as the CLI reports it: one JSON object with --json, or a readable summary. */

export interface NodeReport {
  state: string;
  output?: unknown;
  ports?: string[];
  attempts: number;
  durationMs?: number;
  error?: { name: string; message: string; category: string };
  mapped?: { total: number; failed: number };
}

export interface RunReport {
  runId: string;
  flow: string;
  state: string;
  dryRun: boolean;
  durationMs?: number;
  params: Record<string, unknown>;
  output: unknown;
  error?: { name: string; message: string; category: string };
  nodes: Record<string, NodeReport>;
  artifacts: { step: string; kind: string; title?: string; artifact: unknown }[];
  variables: Record<string, unknown>;
}

export function buildReport(
  document: FlowDocument,
  run: RunRecord,
  steps: readonly StepRecord[],
  artifacts: readonly ArtifactRecord[],
  variables: Record<string, unknown>,
): RunReport {
  const nodes: Record<string, NodeReport> = {};
  const elements = new Map<string, { total: number; failed: number }>();
  for (const step of steps) {
    if (step.mapIndex === undefined) continue;
    const e = elements.get(step.nodeId) ?? { total: 0, failed: 0 };
    e.total++;
    if (step.state === "failed") e.failed++;
    elements.set(step.nodeId, e);
  }
  for (const node of document.nodes) {
    const step = steps.find((s) => s.nodeId === node.id && s.mapIndex === undefined);
    const report: NodeReport = { state: step?.state ?? "pending", attempts: step?.attempts.length ?? 0 };
    if (step?.output !== undefined) report.output = step.output;
    if (step?.ports) report.ports = Object.keys(step.ports);
    if (step?.startedAt !== undefined && step.finishedAt !== undefined) report.durationMs = step.finishedAt - step.startedAt;
    if (step?.error) report.error = { name: step.error.name, message: step.error.message, category: step.error.category };
    const mapped = elements.get(node.id);
    if (mapped) report.mapped = mapped;
    nodes[node.id] = report;
  }
  return {
    runId: run.id,
    flow: document.name,
    state: run.state,
    dryRun: run.dryRun,
    durationMs: run.startedAt !== undefined && run.finishedAt !== undefined ? run.finishedAt - run.startedAt : undefined,
    params: run.params,
    output: run.output,
    error: run.error ? { name: run.error.name, message: run.error.message, category: run.error.category } : undefined,
    nodes,
    artifacts: artifacts.map((a) => ({ step: a.stepKey, kind: a.artifact.kind, title: a.artifact.title, artifact: a.artifact })),
    variables,
  };
}

function indent(text: string, by = "  "): string {
  return text
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

const MAX_JSON_CHARS = 20_000;

function showJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? "undefined";
  return text.length > MAX_JSON_CHARS
    ? `${text.slice(0, MAX_JSON_CHARS)}\n… (${text.length.toLocaleString("en")} characters; use --json for all)`
    : text;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function textTable(columns: readonly string[], rows: readonly (readonly unknown[])[], maxRows = 20): string {
  const shown = rows.slice(0, maxRows).map((r) => columns.map((_, i) => cell(r[i]).replace(/\s+/g, " ").slice(0, 40)));
  const widths = columns.map((c, i) => Math.max(c.length, ...shown.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...shown.map(line)];
  if (rows.length > maxRows) out.push(`… ${rows.length - maxRows} more rows`);
  return out.join("\n");
}

function renderArtifact(a: RunReport["artifacts"][number]["artifact"]): string {
  const artifact = a as { kind: string; body?: string; columns?: string[]; rows?: unknown[][]; url?: string; label?: string };
  switch (artifact.kind) {
    case "markdown":
      return artifact.body ?? "";
    case "table":
      return textTable(artifact.columns ?? [], artifact.rows ?? []);
    case "link":
      return artifact.label ? `${artifact.label}: ${artifact.url ?? ""}` : (artifact.url ?? "");
    default:
      return showJson(a);
  }
}

export function formatReport(report: RunReport, paint: Paint): string {
  const out: string[] = [];
  const took = report.durationMs !== undefined ? ` in ${formatDuration(report.durationMs)}` : "";
  const dry = report.dryRun ? paint.magenta(" (dry run)") : "";
  if (report.state === "completed")
    out.push(`${paint.green("✓")} ${paint.bold(report.flow)} completed${took}${dry}  ${paint.dim(report.runId)}`);
  else out.push(`${paint.red("✗")} ${paint.bold(report.flow)} ${report.state}${took}${dry}  ${paint.dim(report.runId)}`);

  const failed = Object.entries(report.nodes).filter(([, n]) => n.state === "failed" || (n.mapped?.failed ?? 0) > 0);
  for (const [id, n] of failed) {
    const elements = n.mapped && n.mapped.failed > 0 ? ` (${n.mapped.failed} of ${n.mapped.total} elements failed)` : "";
    out.push(`  ${paint.red("✗")} ${id}${elements}: ${n.error ? `${n.error.name}: ${n.error.message}` : "failed"}`);
  }
  if (report.error && failed.length === 0) out.push(`  ${paint.red(report.error.message)}`);

  if (report.output !== undefined) out.push("", paint.bold("Output"), indent(showJson(report.output)));
  for (const a of report.artifacts) {
    out.push(
      "",
      paint.bold(`Artifact: ${a.title ?? a.kind}`) + paint.dim(`  (${a.kind} from ${a.step})`),
      indent(renderArtifact(a.artifact)),
    );
  }
  return out.join("\n") + "\n";
}
