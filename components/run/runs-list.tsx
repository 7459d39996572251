"use client";

import { useEffect, useState } from "react";
import { RUN_STATES } from "@/lib/engine/states";
import { listRuns, type RunFilters } from "@/lib/editor/api";
import type { RunSummaryView } from "@/lib/editor/api-schemas";
import { formatMs } from "@/components/canvas/flow-node";
import { inputClass } from "@/components/inspector/field-widgets";
import { describeFilters } from "./run-filters";
import { RunStateBadge } from "./run-state-badge";

/** A flow's runs, newest first, filtered by state and by real or dry run. */
export function RunsList({ ws, flowId }: { ws: string; flowId: string }) {
  const [filters, setFilters] = useState<RunFilters>({});
  const [runs, setRuns] = useState<RunSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    setRuns(null);
    setError(null);
    listRuns(ws, flowId, { ...filters, limit: 100 })
      .then((r) => !stale && setRuns(r))
      .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : "Runs could not be loaded"));
    return () => {
      stale = true;
    };
  }, [ws, flowId, filters]);
  const filtered = Boolean(filters.state) || filters.dryRun !== undefined;
  return (
    <div className="space-y-4" data-testid="runs-list">
      <div className="flex flex-wrap gap-3">
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          State
          <select
            className={inputClass}
            value={filters.state ?? ""}
            onChange={(e) => setFilters({ ...filters, state: e.target.value || undefined })}
          >
            <option value="">Any</option>
            {RUN_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          Kind
          <select
            className={inputClass}
            value={filters.dryRun === undefined ? "" : String(filters.dryRun)}
            onChange={(e) => setFilters({ ...filters, dryRun: e.target.value === "" ? undefined : e.target.value === "true" })}
          >
            <option value="">Runs and dry runs</option>
            <option value="false">Runs</option>
            <option value="true">Dry runs</option>
          </select>
        </label>
      </div>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      {runs === null && !error ? <p className="text-sm text-zinc-500">Loading…</p> : null}
      {runs?.length === 0 ? (
        <div className="rounded-xl border-2 border-dashed border-zinc-300 px-6 py-10 text-center" data-testid="runs-empty">
          {filtered ? (
            <>
              <p className="font-medium text-zinc-900">No runs match these filters</p>
              <p className="mt-1 text-sm text-zinc-500">No run of this flow is {describeFilters(filters)}.</p>
              <button type="button" onClick={() => setFilters({})} className="mt-3 text-sm font-medium text-indigo-600 hover:underline">
                Clear filters
              </button>
            </>
          ) : (
            <>
              <p className="font-medium text-zinc-900">No runs yet</p>
              <p className="mt-1 text-sm text-zinc-500">Open the flow and press Run to start one.</p>
            </>
          )}
        </div>
      ) : null}
      {runs && runs.length > 0 ? (
        <table className="min-w-full overflow-hidden rounded-xl bg-white text-sm shadow-sm ring-1 ring-zinc-200">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
            <tr>
              <th className="px-4 py-2 font-medium">Run</th>
              <th className="px-4 py-2 font-medium">State</th>
              <th className="px-4 py-2 font-medium">Version</th>
              <th className="px-4 py-2 font-medium">Started</th>
              <th className="px-4 py-2 font-medium">Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-t border-zinc-100 hover:bg-zinc-50" data-testid="run-row" data-state={r.state}>
                <td className="px-4 py-2">
                  <a
                    href={`/w/${encodeURIComponent(ws)}/runs/${encodeURIComponent(r.id)}`}
                    className="font-mono text-xs text-indigo-600 hover:underline"
                  >
                    {r.id}
                  </a>
                  {r.dryRun ? <span className="ml-2 rounded-full bg-indigo-50 px-1.5 text-[11px] text-indigo-700">dry run</span> : null}
                </td>
                <td className="px-4 py-2">
                  <RunStateBadge state={r.state} />
                </td>
                <td className="px-4 py-2 text-zinc-600">{r.flowVersion ? `v${r.flowVersion}` : "draft"}</td>
                <td className="px-4 py-2 text-zinc-600">{new Date(r.startedAt ?? r.createdAt).toLocaleString()}</td>
                <td className="px-4 py-2 text-zinc-600">{r.finishedAt && r.startedAt ? formatMs(r.finishedAt - r.startedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
