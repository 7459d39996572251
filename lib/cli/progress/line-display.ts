import type { EngineEvent } from "@/lib/engine";
import type { Paint } from "../colors";
import type { CliStream } from "../io";
import { formatDuration, type ProgressModel } from "./progress-model";
import { stateBadge } from "./state-style";

const MAX_ELEMENT_FAILURES = 20;

/**
 * One line per thing that happened, for logs and CI (no cursor movement). Mapped nodes report
 * every tenth of their progress and their first failures rather than a line per element.
 */
export function createLineDisplay(model: ProgressModel, stream: CliStream, paint: Paint, now: () => number) {
  const lastDecile = new Map<string, number>();
  let elementFailures = 0;
  const stamp = (): string => paint.dim(`+${((now() - model.startedAt) / 1000).toFixed(3)}s`);
  const say = (text: string): void => stream.write(`${stamp()} ${text}\n`);

  return {
    start(): void {
      say(`${paint.bold(model.flowName)}: ${model.nodes.length} nodes`);
    },
    onEvent(event: EngineEvent): void {
      switch (event.type) {
        case "run.state":
          say(`run ${event.runId} ${event.state}${event.error ? `: ${event.error.message}` : ""}`);
          return;
        case "step.state": {
          if (event.mapIndex !== undefined) {
            if (event.state === "failed" && elementFailures++ < MAX_ELEMENT_FAILURES) {
              say(`${stateBadge("failed", paint)} ${event.stepKey} failed: ${event.error?.message ?? "error"}`);
            }
            return;
          }
          const extra = [
            event.durationMs !== undefined ? formatDuration(event.durationMs) : "",
            event.attempt !== undefined && event.attempt > 1 ? `attempt ${event.attempt}` : "",
            event.error ? event.error.message : "",
          ].filter(Boolean);
          say(`${stateBadge(event.state, paint)} ${event.nodeId} ${event.state}${extra.length ? ` (${extra.join(", ")})` : ""}`);
          return;
        }
        case "step.progress": {
          const decile = event.total === 0 ? 10 : Math.floor((event.done / event.total) * 10);
          if (decile === 0 || decile === lastDecile.get(event.nodeId)) return;
          lastDecile.set(event.nodeId, decile);
          say(`  ${event.nodeId} ${event.done.toLocaleString("en")}/${event.total.toLocaleString("en")}`);
          return;
        }
        case "step.retry":
          say(
            `${stateBadge("retrying", paint)} ${event.stepKey} retry ${event.attempt} in ${formatDuration(event.delayMs)}: ${event.error.message}`,
          );
          return;
        case "log":
          if (event.level === "warn" || event.level === "error")
            say(`${event.level} ${event.stepKey ?? ""} ${event.message}`.replace(/\s+/g, " "));
          return;
        case "artifact":
          say(`artifact ${event.kind}${event.title ? ` "${event.title}"` : ""} from ${event.stepKey}`);
          return;
      }
    },
    stop(): void {},
  };
}
