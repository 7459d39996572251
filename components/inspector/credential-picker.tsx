"use client";

import { useEffect, useState } from "react";
import { CredentialForm } from "@/components/credentials/credential-form";
import { listCredentials } from "@/lib/editor/api";
import type { CredentialSummary } from "@/lib/editor/api-schemas";
import { inputClass } from "./field-widgets";

/**
 * Picks a workspace credential of the type the node needs. "Create credential" opens the
 * credential form in place; the credential it saves joins the list and becomes the node's.
 */
export function CredentialPicker({
  ws,
  type,
  value,
  onChange,
}: {
  ws: string;
  type: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const [items, setItems] = useState<CredentialSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    let stale = false;
    listCredentials(ws)
      .then((all) => !stale && setItems(all.filter((c) => c.type === type)))
      .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : "Could not load credentials"));
    return () => {
      stale = true;
    };
  }, [ws, type]);
  const manageHref = `/w/${encodeURIComponent(ws)}/settings/credentials`;
  return (
    <div className="space-y-1" data-testid="credential-picker">
      <label className="text-[13px] font-medium text-zinc-800" htmlFor="credential-select">
        Credential <span className="font-normal text-zinc-500">({type})</span>
      </label>
      <div className="flex gap-2">
        <select id="credential-select" className={inputClass} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{items === null && !error ? "Loading…" : "Choose a credential"}</option>
          {items?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {value && items && !items.some((c) => c.id === value) ? <option value={value}>{value} (not found)</option> : null}
        </select>
        {creating ? null : (
          <button
            type="button"
            onClick={() => setCreating(true)}
            className="shrink-0 self-center text-xs font-medium text-indigo-600 hover:underline"
          >
            Create credential
          </button>
        )}
      </div>
      {error ? <p className="text-xs text-amber-700">Credentials could not be listed: {error}</p> : null}
      {items && items.length === 0 && !creating ? (
        <p className="text-xs text-zinc-500">No {type} credential in this workspace yet.</p>
      ) : null}
      {creating ? (
        <div className="mt-2 rounded-lg border border-zinc-200 bg-zinc-50 p-3" data-testid="credential-picker-create">
          <CredentialForm
            ws={ws}
            type={type}
            onCancel={() => setCreating(false)}
            onSaved={(credential) => {
              const created = { id: credential.id, name: credential.name, type: credential.type };
              setItems((prev) => [...(prev ?? []).filter((c) => c.id !== created.id), created]);
              setCreating(false);
              onChange(created.id);
            }}
          />
        </div>
      ) : null}
      <a href={manageHref} target="_blank" rel="noreferrer" className="text-xs text-zinc-500 hover:underline">
        Manage credentials
      </a>
    </div>
  );
}
