"use client";

import { useEffect, useState } from "react";
import { listVersions } from "@/lib/editor/api";
import type { VersionSummary } from "@/lib/editor/api-schemas";
import { Btn, Dialog } from "./ui";

/** The flow's saved versions, newest first, each restorable as the draft. */
export function VersionsDialog({
  ws,
  flowId,
  onRestore,
  onClose,
  readOnly,
}: {
  ws: string;
  flowId: string;
  onRestore: (v: VersionSummary) => Promise<void>;
  onClose: () => void;
  readOnly: boolean;
}) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listVersions(ws, flowId)
      .then(setVersions)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : "Could not load versions"));
  }, [ws, flowId]);
  return (
    <Dialog title="Versions" onClose={onClose}>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      {versions === null && !error ? <p className="text-sm text-zinc-500">Loading…</p> : null}
      {versions?.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No version yet. “Save version” keeps a named snapshot of the draft that you can come back to.
        </p>
      ) : null}
      <ol className="divide-y divide-zinc-100" data-testid="versions-list">
        {versions?.map((v) => (
          <li key={v.version} className="flex items-center gap-3 py-2.5">
            <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-100 font-mono text-xs font-semibold text-zinc-700">
              v{v.version}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-zinc-900">
                {v.message || <span className="text-zinc-400 italic">No message</span>}
              </p>
              <p className="text-xs text-zinc-500">
                {v.author ? (v.author.name ?? v.author.email) : "someone"} · {new Date(v.createdAt).toLocaleString()}
              </p>
            </div>
            {readOnly ? null : confirming === v.version ? (
              <div className="flex gap-1.5">
                <Btn onClick={() => setConfirming(null)}>Keep draft</Btn>
                <Btn
                  tone="primary"
                  busy={busy}
                  onClick={() => {
                    setBusy(true);
                    void onRestore(v).finally(() => setBusy(false));
                  }}
                >
                  Restore v{v.version}
                </Btn>
              </div>
            ) : (
              <Btn icon="history" onClick={() => setConfirming(v.version)} aria-label={`Restore version ${v.version}`}>
                Restore
              </Btn>
            )}
          </li>
        ))}
      </ol>
      {confirming !== null ? (
        <p className="mt-2 text-xs text-zinc-500">
          Restoring replaces the current draft with this version. The draft you have now can still be reached with Undo until you reload.
        </p>
      ) : null}
    </Dialog>
  );
}

export function SaveVersionDialog({ onSave, onClose }: { onSave: (message: string) => Promise<boolean>; onClose: () => void }) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="Save version" onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void onSave(message.trim()).then((ok) => {
            setBusy(false);
            if (ok) onClose();
          });
        }}
      >
        <label htmlFor="version-message" className="text-[13px] font-medium text-zinc-800">
          What changed?
        </label>
        <input
          id="version-message"
          autoFocus
          value={message}
          maxLength={500}
          onChange={(e) => setMessage(e.target.value)}
          placeholder="e.g. Send a welcome email to new leads"
          className="w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none"
        />
        <p className="text-xs text-zinc-500">A version is an immutable snapshot; runs record the version they ran.</p>
        <div className="flex justify-end gap-2">
          <Btn onClick={onClose}>Cancel</Btn>
          <Btn type="submit" tone="primary" icon="save" busy={busy}>
            Save version
          </Btn>
        </div>
      </form>
    </Dialog>
  );
}
