"use client";

import { useState } from "react";
import type { LogView, StepView } from "@/lib/editor/api-schemas";
import { STATE_STYLE } from "@/components/canvas/node-style";
import { formatMs } from "@/components/canvas/flow-node";
import { cx } from "@/components/canvas/ui";
import { ValueAsTable } from "./data-table";
import { JsonTree } from "./json-tree";

/** One step of a run: state, attempts with their errors, input, output (tree or table), logs. */
export function StepDetails({ step, logs }: { step: StepView; logs: LogView[] }) {
  const [view, setView] = useState<"tree" | "table">("tree");
  const duration = step.startedAt !== undefined && step.finishedAt !== undefined ? step.finishedAt - step.startedAt : undefined;
  return (
    <div className="space-y-4" data-testid="step-details">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-mono text-sm font-semibold text-zinc-900">{step.key}</h3>
        <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", STATE_STYLE[step.state].badge)}>
          {STATE_STYLE[step.state].label}
        </span>
        {duration !== undefined ? <span className="text-xs text-zinc-500">{formatMs(duration)}</span> : null}
      </div>
      {step.error ? (
        <div className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" role="alert">
          <p className="font-medium">{step.error.message}</p>
          {step.error.category ? <p className="text-xs text-red-600">{step.error.category}</p> : null}
        </div>
      ) : null}
      {step.attempts.length > 0 ? (
        <section>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Attempts</h4>
          <ol className="space-y-1 text-xs">
            {step.attempts.map((a) => (
              <li key={a.attempt} className="flex gap-2">
                <span className="font-mono text-zinc-500">#{a.attempt}</span>
                <span className="text-zinc-700">{formatMs(a.finishedAt - a.startedAt)}</span>
                {a.error ? <span className="text-red-700">{a.error.message}</span> : <span className="text-emerald-700">ok</span>}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section>
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Input</h4>
        {step.input === undefined ? <p className="text-xs text-zinc-400">None</p> : <JsonTree value={step.input} defaultOpen={1} />}
      </section>
      <section>
        <div className="mb-1 flex items-center justify-between">
          <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Output</h4>
          <div className="flex rounded-md bg-zinc-100 p-0.5 text-xs" role="group" aria-label="Output view">
            {(["tree", "table"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={cx("rounded px-2 py-0.5", view === v ? "bg-white font-medium shadow-sm" : "text-zinc-600")}
              >
                {v === "tree" ? "JSON" : "Table"}
              </button>
            ))}
          </div>
        </div>
        {step.output === undefined ? (
          <p className="text-xs text-zinc-400">None</p>
        ) : view === "tree" ? (
          <JsonTree value={step.output} />
        ) : (
          <ValueAsTable value={step.output} />
        )}
      </section>
      <section>
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Logs</h4>
        {logs.length === 0 ? <p className="text-xs text-zinc-400">No log lines.</p> : null}
        <ol className="space-y-0.5 font-mono text-[11px]">
          {logs.map((l, i) => (
            <li key={i} className={cx(l.level === "error" ? "text-red-700" : l.level === "warn" ? "text-amber-700" : "text-zinc-700")}>
              <span className="text-zinc-400">{new Date(l.at).toLocaleTimeString()}</span> {l.level.toUpperCase()} {l.message}
              {l.data ? <span className="text-zinc-400"> {JSON.stringify(l.data)}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
