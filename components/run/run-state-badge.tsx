import type { RunState } from "@/lib/engine/states";
import { cx } from "@/components/canvas/ui";

export const RUN_STATE_STYLE: Record<RunState, { label: string; className: string }> = {
  scheduled: { label: "Scheduled", className: "bg-zinc-100 text-zinc-700" },
  pending: { label: "Pending", className: "bg-zinc-100 text-zinc-700" },
  running: { label: "Running", className: "bg-sky-100 text-sky-700" },
  completed: { label: "Completed", className: "bg-emerald-100 text-emerald-700" },
  failed: { label: "Failed", className: "bg-red-100 text-red-700" },
  crashed: { label: "Crashed", className: "bg-red-100 text-red-700" },
  cancelled: { label: "Cancelled", className: "bg-zinc-200 text-zinc-700" },
};

export function RunStateBadge({ state, className }: { state: RunState; className?: string }) {
  const s = RUN_STATE_STYLE[state];
  return (
    <span
      data-testid="run-state"
      data-state={state}
      className={cx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium", s.className, className)}
    >
      {state === "running" ? <span className="size-1.5 animate-pulse rounded-full bg-sky-500" /> : null}
      {s.label}
    </span>
  );
}
