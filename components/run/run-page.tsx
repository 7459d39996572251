"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isFinalRunState } from "@/lib/engine/states";
import { cancelRun, getRun, retryRun, runEventsUrl } from "@/lib/editor/api";
import type { RunDetail } from "@/lib/editor/api-schemas";
import { followRunEvents } from "@/lib/editor/run-events-client";
import { Btn } from "@/components/canvas/ui";
import { formatMs } from "@/components/canvas/flow-node";
import { ArtifactView } from "./artifact-view";
import { Gantt } from "./gantt";
import { JsonTree } from "./json-tree";
import { RunStateBadge } from "./run-state-badge";
import { StepDetails } from "./step-details";

/**
 * The run page: state and timing, a Gantt timeline of the steps, each step's input, output,
 * logs, attempts and errors, and the run's artifacts. While the run is live it follows the
 * run's events and reloads the record at most a few times per second.
 */
export function RunPage({ ws, runId, canRun }: { ws: string; runId: string; canRun: boolean }) {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    () =>
      getRun(ws, runId)
        .then((r) => {
          setRun(r);
          setError(null);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : "The run could not be loaded.")),
    [ws, runId],
  );
  // Coalesce bursts of events into one reload per 300 ms.
  const scheduleLoad = useCallback(() => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      void load();
    }, 300);
  }, [load]);
  useEffect(() => {
    void load();
  }, [load]);
  const live = run ? !isFinalRunState(run.state) : false;
  useEffect(() => {
    if (!live) return;
    const stop = followRunEvents(runEventsUrl(ws, runId), { onEvents: scheduleLoad, onEnd: () => void load() });
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => {
      stop();
      clearInterval(tick);
    };
  }, [live, ws, runId, scheduleLoad, load]);

  const steps = useMemo(() => [...(run?.steps ?? [])].sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity)), [run]);
  const current = steps.find((s) => s.key === selected) ?? steps.find((s) => s.state === "failed") ?? steps[0];
  const logsOf = (key: string) => (run?.logs ?? []).filter((l) => l.stepKey === key);

  if (error && !run)
    return (
      <div className="mx-auto max-w-xl p-8" role="alert">
        <p className="font-semibold text-zinc-900">This run could not be loaded</p>
        <p className="text-sm text-zinc-600">{error}</p>
      </div>
    );
  if (!run) return <p className="p-8 text-sm text-zinc-500">Loading the run…</p>;
  const runStart = run.startedAt ?? run.createdAt;
  const duration = (run.finishedAt ?? now) - runStart;
  const flowHref = run.flowId ? `/w/${encodeURIComponent(ws)}/flows/${encodeURIComponent(run.flowId)}` : null;

  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-6 sm:px-6" data-testid="run-page">
      <header className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <p className="text-xs text-zinc-500">
            {flowHref ? (
              <a href={flowHref} className="text-indigo-600 hover:underline">
                {run.document?.name ?? "Flow"}
              </a>
            ) : (
              (run.document?.name ?? "Flow")
            )}
            {run.flowVersion ? ` · version ${run.flowVersion}` : " · draft"}
            {run.attempt > 1 ? ` · retry ${run.attempt}` : ""}
          </p>
          <h1 className="mt-0.5 flex items-center gap-3 text-xl font-semibold text-zinc-900">
            Run <span className="font-mono text-base text-zinc-500">{run.id}</span>
            <RunStateBadge state={run.state} />
            {run.dryRun ? <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">dry run</span> : null}
          </h1>
          <p className="mt-1 text-sm text-zinc-500">
            Started {new Date(runStart).toLocaleString()} · {formatMs(duration)}
            {run.trigger ? ` · ${run.trigger.kind}` : ""}
          </p>
        </div>
        {canRun ? (
          <div className="flex gap-2">
            {live ? (
              <Btn
                icon="stop"
                busy={busy}
                onClick={() => (setBusy(true), void cancelRun(ws, run.id).finally(() => (setBusy(false), void load())))}
              >
                Cancel
              </Btn>
            ) : null}
            {run.state === "failed" || run.state === "crashed" ? (
              <Btn
                tone="primary"
                icon="refresh-cw"
                busy={busy}
                onClick={() => {
                  setBusy(true);
                  void retryRun(ws, run.id)
                    .then((next) => location.assign(`/w/${encodeURIComponent(ws)}/runs/${encodeURIComponent(next)}`))
                    .catch((e: unknown) => setError(e instanceof Error ? e.message : "Retry failed"))
                    .finally(() => setBusy(false));
                }}
              >
                Retry from failed node
              </Btn>
            ) : null}
          </div>
        ) : null}
      </header>
      {run.error ? (
        <div className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200" role="alert">
          <p className="font-medium">{run.error.message}</p>
        </div>
      ) : null}
      {error ? <p className="text-sm text-amber-700">{error}</p> : null}

      {run.artifacts.length > 0 ? (
        <section aria-label="Artifacts" className="space-y-3">
          <h2 className="text-sm font-semibold text-zinc-900">Artifacts</h2>
          <div className="grid gap-3 md:grid-cols-2">
            {run.artifacts.map((a) => (
              <ArtifactView key={a.id} record={a} />
            ))}
          </div>
        </section>
      ) : null}

      <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
        <h2 className="mb-3 text-sm font-semibold text-zinc-900">Timeline</h2>
        {steps.length === 0 ? (
          <p className="text-sm text-zinc-500">No step has started yet.</p>
        ) : (
          <Gantt steps={steps} runStart={runStart} now={run.finishedAt ?? now} selected={current?.key} onSelect={setSelected} />
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
        <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
          {current ? <StepDetails step={current} logs={logsOf(current.key)} /> : <p className="text-sm text-zinc-500">Select a step.</p>}
        </section>
        <aside className="space-y-4">
          <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
            <h2 className="mb-2 text-sm font-semibold text-zinc-900">Parameters</h2>
            {Object.keys(run.params).length === 0 ? <p className="text-xs text-zinc-500">None</p> : <JsonTree value={run.params} />}
          </section>
          <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
            <h2 className="mb-2 text-sm font-semibold text-zinc-900">Run log</h2>
            <ol className="max-h-80 space-y-0.5 overflow-auto font-mono text-[11px]">
              {run.logs
                .filter((l) => !l.stepKey)
                .map((l, i) => (
                  <li key={i} className={l.level === "error" ? "text-red-700" : "text-zinc-700"}>
                    {new Date(l.at).toLocaleTimeString()} {l.message}
                  </li>
                ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
