"use client";

import { memo } from "react";
import type { StepView } from "@/lib/editor/api-schemas";
import { STATE_STYLE } from "@/components/canvas/node-style";
import { formatMs } from "@/components/canvas/flow-node";
import { cx } from "@/components/canvas/ui";

const BAR: Record<string, string> = {
  completed: "bg-emerald-500",
  cached: "bg-violet-400",
  failed: "bg-red-500",
  running: "bg-sky-500 animate-pulse",
  retrying: "bg-amber-500",
  "dry-run": "bg-indigo-400",
  skipped: "bg-zinc-300",
  pending: "bg-zinc-300",
};

/** The run's steps on one time axis: when each started, how long it took, retries marked. */
export const Gantt = memo(function Gantt({
  steps,
  runStart,
  now,
  selected,
  onSelect,
}: {
  steps: StepView[];
  runStart: number;
  now: number;
  selected?: string;
  onSelect: (key: string) => void;
}) {
  const timed = steps.filter((s) => s.startedAt !== undefined);
  const end = Math.max(now, ...timed.map((s) => s.finishedAt ?? now));
  const span = Math.max(1, end - runStart);
  return (
    <div className="space-y-1" role="list" aria-label="Step timeline" data-testid="gantt">
      {steps.map((s) => {
        const start = s.startedAt ?? runStart;
        const finish = s.finishedAt ?? (s.startedAt !== undefined ? now : start);
        const left = ((start - runStart) / span) * 100;
        const width = Math.max(0.5, ((finish - start) / span) * 100);
        return (
          <button
            key={s.key}
            type="button"
            role="listitem"
            onClick={() => onSelect(s.key)}
            className={cx(
              "grid w-full grid-cols-[160px_1fr_70px] items-center gap-3 rounded-md px-2 py-1 text-left hover:bg-zinc-50",
              selected === s.key && "bg-indigo-50",
            )}
          >
            <span className="truncate font-mono text-xs text-zinc-700" title={s.key}>
              {s.key}
            </span>
            <span className="relative h-4 rounded bg-zinc-100">
              {s.startedAt !== undefined ? (
                <span
                  className={cx("absolute top-0 h-4 rounded", BAR[s.state] ?? "bg-zinc-400")}
                  style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
                  title={`${STATE_STYLE[s.state].label}, ${formatMs(finish - start)}`}
                />
              ) : null}
            </span>
            <span className="text-right text-xs text-zinc-500">
              {s.startedAt !== undefined ? formatMs(finish - start) : STATE_STYLE[s.state].label}
            </span>
          </button>
        );
      })}
    </div>
  );
});
