"use client";

import { memo, useMemo } from "react";
import { isFinalRunState } from "@/lib/engine/states";
import type { RunView } from "@/lib/editor/run-view";
import { Btn } from "@/components/canvas/ui";
import { STATE_STYLE } from "@/components/canvas/node-style";
import { RunStateBadge } from "./run-state-badge";

/** The strip under the canvas while and after a run: state, step counts, cancel, retry, the run page. */
export const RunPanel = memo(function RunPanel({
  view,
  dryRun,
  runHref,
  onCancel,
  onRetry,
  onClose,
  message,
}: {
  view: RunView;
  dryRun: boolean;
  runHref: string;
  onCancel: () => void;
  onRetry: () => void;
  onClose: () => void;
  message?: string;
}) {
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const s of view.nodes.values()) c.set(s.state, (c.get(s.state) ?? 0) + 1);
    return [...c.entries()];
  }, [view.nodes]);
  const final = view.state ? isFinalRunState(view.state) : false;
  return (
    <div
      className="flex items-center gap-3 border-t border-zinc-200 bg-white px-4 py-2 text-sm"
      data-testid="run-panel"
      role="status"
      aria-live="polite"
    >
      <span className="font-medium text-zinc-700">{dryRun ? "Dry run" : "Run"}</span>
      {view.state ? <RunStateBadge state={view.state} /> : <span className="text-zinc-500">Starting…</span>}
      <div className="flex flex-wrap gap-1.5">
        {counts.map(([state, n]) => (
          <span
            key={state}
            className={`rounded-full px-1.5 py-0.5 text-[11px] font-medium ${STATE_STYLE[state as keyof typeof STATE_STYLE]?.badge ?? ""}`}
          >
            {n} {STATE_STYLE[state as keyof typeof STATE_STYLE]?.label.toLowerCase() ?? state}
          </span>
        ))}
      </div>
      {view.error ? <span className="truncate text-red-700">{view.error}</span> : null}
      {message ? <span className="truncate text-zinc-500">{message}</span> : null}
      <div className="ml-auto flex items-center gap-2">
        {view.artifactCount > 0 ? <span className="text-xs text-zinc-500">{view.artifactCount} artifact(s)</span> : null}
        {!final && view.runId ? (
          <Btn icon="stop" onClick={onCancel}>
            Cancel
          </Btn>
        ) : null}
        {view.state === "failed" || view.state === "crashed" ? (
          <Btn icon="refresh-cw" onClick={onRetry}>
            Retry from failed node
          </Btn>
        ) : null}
        {view.runId ? (
          <a
            href={runHref}
            className="inline-flex h-8 items-center gap-1 rounded-md px-3 text-sm font-medium text-indigo-600 hover:bg-indigo-50"
            data-testid="open-run-page"
          >
            Open run page →
          </a>
        ) : null}
        <button type="button" aria-label="Hide run panel" onClick={onClose} className="rounded p-1 text-zinc-400 hover:bg-zinc-100">
          ×
        </button>
      </div>
    </div>
  );
});
