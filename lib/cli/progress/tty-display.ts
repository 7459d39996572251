import type { EngineEvent } from "@/lib/engine";
import { truncateVisible, type Paint } from "../colors";
import type { CliStream } from "../io";
import { formatDuration, type NodeProgress, type ProgressModel } from "./progress-model";
import { stateBadge } from "./state-style";

const REDRAW_MS = 80;
const BAR_WIDTH = 24;

export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const ratio = total <= 0 ? 0 : Math.min(1, done / total);
  const full = Math.round(ratio * width);
  return `${"█".repeat(full)}${"░".repeat(width - full)}`;
}

const ORDER: Record<string, number> = { failed: 0, retrying: 1, running: 2, completed: 3, cached: 3, "dry-run": 3, skipped: 4, pending: 5 };

function nodeLine(node: NodeProgress, idWidth: number, paint: Paint, now: number, startedAt: number): string {
  const parts = [stateBadge(node.state, paint), node.id.padEnd(idWidth)];
  if (node.mapped && node.mapped.total > 0) {
    const { done, total, failed } = node.mapped;
    parts.push(`${paint.cyan(progressBar(done, total))} ${done.toLocaleString("en")}/${total.toLocaleString("en")}`);
    if (failed > 0) parts.push(paint.red(`${failed} failed`));
  }
  if (node.durationMs !== undefined) parts.push(paint.dim(formatDuration(node.durationMs)));
  else if (node.state === "running") parts.push(paint.dim(formatDuration(now - startedAt)));
  if (node.attempt > 1) parts.push(paint.yellow(`attempt ${node.attempt}`));
  if (node.error && (node.state === "failed" || node.state === "retrying")) parts.push(paint.red(node.error));
  return parts.join("  ");
}

/**
 * A live table of node states, redrawn in place at most every 80 ms. Long flows show the
 * nodes at work first and fold the rest into a summary line, so the display fits the screen.
 */
export function createTtyDisplay(model: ProgressModel, stream: CliStream, paint: Paint, now: () => number, maxLines = 18) {
  let drawn = 0;
  let dirty = true;
  let timer: ReturnType<typeof setInterval> | undefined;
  const idWidth = Math.min(28, Math.max(...model.nodes.map((n) => n.id.length), 4));

  const render = (): string[] => {
    const t = now();
    const head = `${paint.bold(model.flowName)}  ${paint.dim(model.runId ?? "")}  ${model.runState}  ${paint.dim(formatDuration(t - model.startedAt))}`;
    let shown: readonly NodeProgress[] = model.nodes;
    let folded = "";
    if (model.nodes.length > maxLines) {
      shown = [...model.nodes]
        .map((n, i) => ({ n, i }))
        .sort((a, b) => (ORDER[a.n.state] ?? 9) - (ORDER[b.n.state] ?? 9) || a.i - b.i)
        .slice(0, maxLines)
        .sort((a, b) => a.i - b.i)
        .map((x) => x.n);
      const hidden = model.nodes.filter((n) => !shown.includes(n));
      const counts = new Map<string, number>();
      for (const n of hidden) counts.set(n.state, (counts.get(n.state) ?? 0) + 1);
      folded = paint.dim(`… ${hidden.length} more (${[...counts].map(([s, c]) => `${c} ${s}`).join(", ")})`);
    }
    const width = stream.columns || 120;
    const lines = [head, ...shown.map((n) => nodeLine(n, idWidth, paint, t, model.startedAt))];
    if (folded) lines.push(folded);
    // Wrapped lines would break the cursor arithmetic of the redraw.
    return lines.map((l) => truncateVisible(l, Math.max(20, width - 1)));
  };

  let lastDraw = 0;
  const draw = (): void => {
    if (!dirty) return;
    dirty = false;
    lastDraw = now();
    const lines = render();
    const up = drawn > 0 ? `\u001b[${drawn}F` : "";
    stream.write(`${up}\u001b[0J${lines.join("\n")}\n`);
    drawn = lines.length;
  };

  return {
    start(): void {
      draw();
      timer = setInterval(() => {
        dirty = true;
        draw();
      }, REDRAW_MS);
      timer.unref?.();
    },
    onEvent(_event: EngineEvent): void {
      dirty = true;
      // A long CPU-bound map may not yield to timers, so events also trigger (throttled) redraws.
      if (now() - lastDraw >= REDRAW_MS) draw();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      dirty = true;
      draw();
    },
  };
}
