"use client";

import { memo, useEffect, useState } from "react";
import type { SaveStatus } from "@/lib/editor/autosave";
import { useEditorContext, useEditorState } from "./editor-context";
import { NodeIcon } from "./icons";
import { Btn, IconBtn, cx } from "./ui";

interface Props {
  ws: string;
  flowId: string;
  saveStatus: SaveStatus;
  latestVersion: number;
  problemCount: number;
  starting: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onNote: () => void;
  onGroup: () => void;
  onShortcuts: () => void;
  onVersions: () => void;
  onSaveVersion: () => void;
  onRun: () => void;
  onDryRun: () => void;
  onReload: () => void;
  onOverwrite: () => void;
  onRetrySave: () => void;
}

/** The editor's top bar: name, save state, history, canvas tools, versions and run. */
export const EditorToolbar = memo(function EditorToolbar(p: Props) {
  const { store, readOnly } = useEditorContext();
  const name = useEditorState((s) => s.graph.meta.name);
  const canUndo = useEditorState((s) => s.canUndo);
  const canRedo = useEditorState((s) => s.canRedo);
  const mod = typeof navigator !== "undefined" && /Mac/.test(navigator.platform) ? "⌘" : "Ctrl";
  return (
    <div className="relative z-10">
      <header className="flex h-12 items-center gap-2 border-b border-zinc-200 bg-white px-3">
        <a
          href={`/w/${encodeURIComponent(p.ws)}`}
          className="rounded p-1 text-zinc-500 hover:bg-zinc-100"
          aria-label="Back to flows"
          title="Back to flows"
        >
          <NodeIcon name="chevron-right" size={16} className="rotate-180" />
        </a>
        <input
          aria-label="Flow name"
          value={name}
          disabled={readOnly}
          maxLength={200}
          onChange={(e) => store.updateMeta({ name: e.target.value || "Untitled flow" }, "name")}
          onKeyDown={(e) => e.stopPropagation()}
          className="w-56 truncate rounded px-1.5 py-1 text-[15px] font-semibold text-zinc-900 outline-none hover:bg-zinc-50 focus:bg-zinc-50 focus:ring-1 focus:ring-indigo-300"
        />
        <SaveIndicator status={p.saveStatus} onRetry={p.onRetrySave} />
        {p.latestVersion > 0 ? <span className="text-xs text-zinc-400">v{p.latestVersion}</span> : null}
        <div className="mx-2 h-5 w-px bg-zinc-200" />
        {!readOnly ? (
          <>
            <IconBtn icon="undo" label="Undo" shortcut={`${mod}+Z`} disabled={!canUndo} onClick={p.onUndo} />
            <IconBtn icon="redo" label="Redo" shortcut={`Shift+${mod}+Z`} disabled={!canRedo} onClick={p.onRedo} />
            <IconBtn icon="layout-grid" label="Auto-layout" shortcut="Shift+L" onClick={p.onLayout} />
            <IconBtn icon="maximize" label="Fit view" shortcut="Shift+F" onClick={p.onFit} />
            <IconBtn icon="sticky-note" label="Add sticky note" shortcut="Shift+N" onClick={p.onNote} />
            <IconBtn icon="group" label="Group selection" shortcut={`${mod}+G`} onClick={p.onGroup} />
          </>
        ) : (
          <IconBtn icon="maximize" label="Fit view" onClick={p.onFit} />
        )}
        <IconBtn icon="keyboard" label="Keyboard shortcuts" shortcut="?" onClick={p.onShortcuts} />
        <div className="ml-auto flex items-center gap-2">
          {p.problemCount > 0 ? (
            <span
              className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800"
              data-testid="problem-count"
            >
              <NodeIcon name="alert" size={13} /> {p.problemCount} to fix
            </span>
          ) : null}
          <a
            href={`/w/${encodeURIComponent(p.ws)}/flows/${encodeURIComponent(p.flowId)}/runs`}
            className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
          >
            Runs
          </a>
          <a
            href={`/w/${encodeURIComponent(p.ws)}/flows/${encodeURIComponent(p.flowId)}/triggers`}
            className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
          >
            Triggers
          </a>
          <Btn icon="history" onClick={p.onVersions}>
            Versions
          </Btn>
          {!readOnly ? (
            <>
              <Btn icon="save" onClick={p.onSaveVersion}>
                Save version
              </Btn>
              <Btn icon="flask" onClick={p.onDryRun} disabled={p.starting}>
                Dry run
              </Btn>
              <Btn tone="primary" icon="play" onClick={p.onRun} busy={p.starting} title={`Run (${mod}+Enter)`}>
                Run
              </Btn>
            </>
          ) : null}
        </div>
      </header>
      {p.saveStatus.kind === "conflict" ? <ConflictBanner status={p.saveStatus} onReload={p.onReload} onOverwrite={p.onOverwrite} /> : null}
    </div>
  );
});

function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const common = "inline-flex items-center gap-1 text-xs";
  switch (status.kind) {
    case "saved":
      return (
        <span
          className={cx(common, "text-zinc-500")}
          data-testid="save-status"
          data-status="saved"
          title={new Date(status.at).toLocaleString()}
        >
          <NodeIcon name="check" size={13} className="text-emerald-600" /> Saved
        </span>
      );
    case "dirty":
      return (
        <span className={cx(common, "text-zinc-500")} data-testid="save-status" data-status="dirty">
          Unsaved changes
        </span>
      );
    case "saving":
      return (
        <span className={cx(common, "text-zinc-500")} data-testid="save-status" data-status="saving">
          <NodeIcon name="loader" size={13} className="animate-spin" /> Saving…
        </span>
      );
    case "conflict":
      return (
        <span className={cx(common, "font-medium text-amber-700")} data-testid="save-status" data-status="conflict">
          <NodeIcon name="alert" size={13} /> Not saved: conflict
        </span>
      );
    case "error":
      return (
        <span className={cx(common, "text-red-700")} data-testid="save-status" data-status="error" title={status.message}>
          <NodeIcon name="alert" size={13} /> Not saved.{" "}
          <button type="button" onClick={onRetry} className="underline">
            Retry
          </button>
        </span>
      );
  }
}

function ConflictBanner({
  status,
  onReload,
  onOverwrite,
}: {
  status: Extract<SaveStatus, { kind: "conflict" }>;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const who = status.details?.savedBy ? (status.details.savedBy.name ?? status.details.savedBy.email) : "Someone else";
  const when = status.details ? new Date(status.details.savedAt).toLocaleString() : null;
  return (
    <div
      role="alert"
      className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
      data-testid="conflict-banner"
    >
      <NodeIcon name="alert" size={16} />
      <p className="flex-1">
        <strong>{who}</strong> saved this flow{when ? ` at ${when}` : ""} after you opened it. Your latest changes are{" "}
        <strong>not saved</strong>; nothing was overwritten.
      </p>
      <Btn onClick={onReload}>Load their version</Btn>
      <Btn tone="danger" onClick={onOverwrite}>
        Overwrite with mine
      </Btn>
    </div>
  );
}
