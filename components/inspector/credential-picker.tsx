"use client";

import { useEffect, useState } from "react";
import { listCredentials } from "@/lib/editor/api";
import type { CredentialSummary } from "@/lib/editor/api-schemas";
import { inputClass } from "./field-widgets";

/** Picks a workspace credential of the type the node needs; links to creating one. */
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
  useEffect(() => {
    let stale = false;
    listCredentials(ws)
      .then((all) => !stale && setItems(all.filter((c) => c.type === type)))
      .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : "Could not load credentials"));
    return () => {
      stale = true;
    };
  }, [ws, type]);
  const createHref = `/w/${encodeURIComponent(ws)}/settings/credentials?new=${encodeURIComponent(type)}`;
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
        <a
          href={createHref}
          target="_blank"
          rel="noreferrer"
          className="shrink-0 self-center text-xs font-medium text-indigo-600 hover:underline"
        >
          Create credential
        </a>
      </div>
      {error ? <p className="text-xs text-amber-700">Credentials could not be listed: {error}</p> : null}
      {items && items.length === 0 ? <p className="text-xs text-zinc-500">No {type} credential in this workspace yet.</p> : null}
    </div>
  );
}
