"use client";

import { Handle, Position, useStore, useUpdateNodeInternals, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { createContext, memo, useContext, useEffect, useMemo, useRef, type ReactNode } from "react";
import { hasInputPort, outputPortsOf } from "@/lib/editor/catalog";
import type { FlowCanvasNode } from "@/lib/editor/graph-types";
import { useEditorContext, useNodeDecoration } from "./editor-context";
import { CanvasIcon, NodeIcon } from "./icons";
import { CATEGORY_ICON_COLOR, CATEGORY_TILE, STATE_STYLE, UNKNOWN_ICON_COLOR, portLabel } from "./node-style";
import { cx } from "./ui";

const PORT_ROW = 22;
/**
 * Below this zoom a node is drawn without text or icon (a 220 px node is under 70 px wide and
 * its text unreadable), at the same size so that React Flow keeps its measurements: an
 * overview of a large flow then paints and lays out a fraction of the elements.
 */
export const OVERVIEW_ZOOM = 0.3;
const zoomedOut = (s: ReactFlowState) => s.transform[2] < OVERVIEW_ZOOM;
const OverviewContext = createContext(false);

/**
 * Follows the zoom once for the whole canvas and tells the nodes whether to draw the overview:
 * a store subscription per node would be one more selector per node to run on every change
 * of React Flow's store, i.e. on every frame of a drag.
 */
export function OverviewProvider({ children }: { children: ReactNode }) {
  const overview = useStore(zoomedOut);
  return <OverviewContext.Provider value={overview}>{children}</OverviewContext.Provider>;
}

// Handles are laid out in the node's flow, not positioned: the input port and a lone output
// port sit in zero-width columns on the node's left and right edges, branch ports at the end of
// their rows. A positioned or transformed element is one more paint layer for Chromium to
// hit-test and layerize on every frame of a drag, and a node used to have up to five of them.
const HANDLE = "!static !size-3 shrink-0 !border-2 !border-white !transform-none";
const IN_HANDLE = cx(HANDLE, "-ml-1.5");
const OUT_HANDLE = cx(HANDLE, "-ml-1.5");
/** A branch port's handle ends its row: out by the row's right padding plus half its size. */
const ROW_HANDLE = cx(HANDLE, "ml-1.5 -mr-[18px]");

/**
 * A node on the canvas. Memoised and fed only its own data: run states and problems come from
 * the per-node status store, so a run's events re-render the nodes they touch and no other.
 */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<FlowCanvasNode>) {
  const { catalog } = useEditorContext();
  const def = catalog.get(data.type, data.typeVersion);
  const onError = data.settings?.onError;
  const ports = useMemo(() => outputPortsOf(def, data.config, onError), [def, data.config, onError]);
  const portKey = ports.join("|");
  const updateInternals = useUpdateNodeInternals();
  const mountedPorts = useRef(portKey);
  useEffect(() => {
    // React Flow measures handles on mount; only a later change of ports needs a re-measure.
    if (mountedPorts.current === portKey) return;
    mountedPorts.current = portKey;
    updateInternals(id);
  }, [id, portKey, updateInternals]);
  const overview = useContext(OverviewContext);
  const deco = useNodeDecoration(id);
  const run = deco?.run;
  const problems = deco?.problems;
  const state = run ? STATE_STYLE[run.state] : null;
  const named = ports.length > 1 || ports[0] !== "out";
  const disabled = data.settings?.disabled === true;

  return (
    <div
      data-testid={`flow-node-${id}`}
      data-state={run?.state ?? "idle"}
      className={cx(
        "flex w-[220px] rounded-xl bg-white ring-1",
        selected ? "shadow-md ring-2 ring-indigo-500" : state ? cx("ring-2", state.ring) : "ring-zinc-200",
        run?.state === "running" && "animate-pulse",
        disabled && "opacity-50",
      )}
    >
      <div className="flex w-0 shrink-0 items-center">
        {hasInputPort(def) ? (
          <Handle type="target" id="in" position={Position.Left} className={cx(IN_HANDLE, "!bg-zinc-400")} aria-label={`${id} input`} />
        ) : null}
      </div>
      <div className="min-w-0 flex-1">
        {overview ? (
          <div className="flex h-14 items-center px-3">
            <span className={cx("size-8 rounded-lg", def ? CATEGORY_TILE[def.category] : "bg-red-100")} />
          </div>
        ) : (
          <div className="flex h-14 items-center gap-2.5 px-3">
            <span
              className={cx(
                "flex size-8 shrink-0 items-center justify-center rounded-lg",
                def ? CATEGORY_TILE[def.category] : "bg-red-100 text-red-700",
              )}
            >
              <CanvasIcon name={def?.icon ?? "alert"} color={def ? CATEGORY_ICON_COLOR[def.category] : UNKNOWN_ICON_COLOR} />
            </span>
            <div className="min-w-0 flex-1">
              <div className="truncate text-sm font-medium text-zinc-900">{data.label || def?.title || data.type}</div>
              <div className="truncate font-mono text-[11px] text-zinc-500">{id}</div>
            </div>
            {problems && problems.length > 0 ? (
              <span
                className="text-amber-600"
                title={problems.join("\n")}
                aria-label={`${problems.length} problem(s): ${problems.join("; ")}`}
                data-testid={`node-problems-${id}`}
              >
                <NodeIcon name="alert" size={16} />
              </span>
            ) : null}
          </div>
        )}
        {!overview && (state || run?.total !== undefined) ? (
          <div className="flex items-center gap-2 border-t border-zinc-100 px-3 py-1.5 text-[11px]">
            {state ? (
              <span className={cx("rounded-full px-1.5 py-0.5 font-medium", state.badge)} data-testid={`node-state-${id}`}>
                {state.label}
                {run?.attempt && run.attempt > 1 ? ` · try ${run.attempt}` : ""}
              </span>
            ) : null}
            {run?.total !== undefined ? (
              <span className="text-zinc-500">
                {run.done ?? 0}/{run.total}
              </span>
            ) : null}
            {run?.durationMs !== undefined ? <span className="ml-auto text-zinc-400">{formatMs(run.durationMs)}</span> : null}
          </div>
        ) : null}
        {!overview && run?.error ? (
          <div className="border-t border-red-100 bg-red-50 px-3 py-1.5 text-[11px] text-red-700 line-clamp-2">{run.error}</div>
        ) : null}
        {named ? (
          <div className="border-t border-zinc-100 py-1">
            {ports.map((port) => (
              <div key={port} className="flex items-center justify-end pr-3 text-[11px] text-zinc-500" style={{ height: PORT_ROW }}>
                {overview ? null : <span className={port === "error" ? "text-red-600" : undefined}>{portLabel(port)}</span>}
                <Handle
                  type="source"
                  id={port}
                  position={Position.Right}
                  aria-label={`${id} ${port} output`}
                  className={cx(ROW_HANDLE, port === "error" ? "!bg-red-500" : "!bg-indigo-500")}
                />
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <div className="flex w-0 shrink-0 items-center">
        {named ? null : (
          <Handle
            type="source"
            id="out"
            position={Position.Right}
            aria-label={`${id} out output`}
            className={cx(OUT_HANDLE, "!bg-indigo-500")}
          />
        )}
      </div>
    </div>
  );
});

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
