"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { KeyIcon, PlusIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { allCredentials } from "@/lib/catalog";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { CredentialForm } from "./credential-form";
import type { CredentialView, TestResult } from "./types";

type Editing = { kind: "new"; type: string } | { kind: "edit"; credential: CredentialView } | undefined;

/**
 * The workspace's credentials: type, creator, last use and the flows that use each one, with
 * create, edit, "Test connection" and delete. Runners see the list and may test; editors and
 * above change. Secrets are shown only as masked hints.
 */
export function CredentialsPanel({
  ws,
  initial,
  canWrite,
  newType,
}: {
  ws: string;
  initial: CredentialView[];
  canWrite: boolean;
  /** Opens the create form for this type (links from the node inspector). */
  newType?: string;
}) {
  const types = [...allCredentials].sort((a, b) => a.title.localeCompare(b.title));
  const [credentials, setCredentials] = useState(initial);
  const [editing, setEditing] = useState<Editing>(
    canWrite && newType && types.some((t) => t.type === newType) ? { kind: "new", type: newType } : undefined,
  );
  const [chosenType, setChosenType] = useState(newType ?? types[0]?.type ?? "");
  const [error, setError] = useState<string>();
  const [tests, setTests] = useState<Record<string, TestResult | "running">>({});
  const base = `/api/w/${encodeURIComponent(ws)}/credentials`;

  async function reload() {
    const res = await apiFetch<{ credentials: CredentialView[] }>(base);
    setCredentials(res.credentials);
  }

  async function test(id: string) {
    setTests((t) => ({ ...t, [id]: "running" }));
    try {
      const res = await apiFetch<{ result: TestResult }>(`${base}/${id}/test`, { body: {} });
      setTests((t) => ({ ...t, [id]: res.result }));
      await reload();
    } catch (err) {
      setTests((t) => ({ ...t, [id]: { ok: false, message: errorMessage(err) } }));
    }
  }

  async function remove(credential: CredentialView) {
    setError(undefined);
    if (!window.confirm(`Delete the credential "${credential.name}"?`)) return;
    try {
      await apiFetch(`${base}/${credential.id}`, { method: "DELETE" });
    } catch (err) {
      if (!(err instanceof ApiRequestError && err.status === 409)) return setError(errorMessage(err));
      if (!window.confirm(`${err.message}\n\nThose flows will fail until they get another credential.`)) return;
      try {
        await apiFetch(`${base}/${credential.id}?force=true`, { method: "DELETE" });
      } catch (again) {
        return setError(errorMessage(again));
      }
    }
    await reload();
  }

  return (
    <div className="space-y-6" data-testid="credentials-panel">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {editing ? (
        <Card>
          <CardHeader
            title={
              editing.kind === "new"
                ? `New ${types.find((t) => t.type === editing.type)?.title ?? editing.type} credential`
                : `Edit ${editing.credential.name}`
            }
          />
          <CardBody>
            <CredentialForm
              ws={ws}
              type={editing.kind === "new" ? editing.type : editing.credential.type}
              existing={editing.kind === "edit" ? editing.credential : undefined}
              onCancel={() => setEditing(undefined)}
              onSaved={() => {
                setEditing(undefined);
                void reload();
              }}
            />
          </CardBody>
        </Card>
      ) : canWrite ? (
        <Card>
          <CardHeader title="Add a credential" description="Secrets are encrypted at rest and never shown again after saving." />
          <CardBody>
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                setEditing({ kind: "new", type: chosenType });
              }}
            >
              <div className="min-w-64 flex-1">
                <Field label="Type">
                  {(p) => (
                    <Select {...p} value={chosenType} onChange={(e) => setChosenType(e.target.value)}>
                      {types.map((t) => (
                        <option key={t.type} value={t.type}>
                          {t.title}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              <Button type="submit">
                <PlusIcon className="size-4" />
                New credential
              </Button>
            </form>
          </CardBody>
        </Card>
      ) : null}

      {credentials.length === 0 ? (
        <EmptyState
          icon={<KeyIcon className="size-6" />}
          title="No credentials yet"
          description="Credentials hold the API tokens and webhook URLs your flows use. Nodes pick them by name."
        />
      ) : (
        <Card>
          <CardHeader title="Credentials" description={`${credentials.length} in this workspace`} />
          <ul className="divide-y divide-zinc-100" aria-label="Credentials">
            {credentials.map((c) => {
              const result = tests[c.id];
              const hints = Object.entries(c.secrets).filter(([, s]) => s.set);
              return (
                <li key={c.id} className="px-6 py-4" data-testid="credential-row">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 space-y-1">
                      <p className="font-medium text-zinc-900">
                        {c.name} <Badge tone="brand">{c.typeTitle}</Badge>
                      </p>
                      <p className="text-xs text-zinc-500">
                        {hints.map(([field, s]) => `${field} ${s.hint}`).join(" · ") || "No secret saved"}
                        {c.rateLimit ? ` · at most ${c.rateLimit.perSecond} requests/s` : ""}
                      </p>
                      <p className="text-xs text-zinc-500">
                        Created by {c.createdBy ? (c.createdBy.name ?? c.createdBy.email) : "someone no longer here"} · last used{" "}
                        {c.lastUsedAt ? <RelativeTime iso={c.lastUsedAt} /> : "never"}
                      </p>
                      <p className="text-xs text-zinc-500">
                        {c.usedBy.length === 0 ? (
                          "Not used by any flow"
                        ) : (
                          <>
                            Used by{" "}
                            {c.usedBy.map((f, i) => (
                              <span key={f.id}>
                                {i > 0 ? ", " : ""}
                                <Link className="text-indigo-600 hover:underline" href={`/w/${encodeURIComponent(ws)}/flows/${f.id}`}>
                                  {f.name}
                                </Link>
                              </span>
                            ))}
                          </>
                        )}
                      </p>
                    </div>
                    <div className="flex gap-2">
                      <Button size="sm" variant="secondary" busy={result === "running"} onClick={() => void test(c.id)}>
                        Test connection
                      </Button>
                      {canWrite ? (
                        <>
                          <Button size="sm" variant="secondary" onClick={() => setEditing({ kind: "edit", credential: c })}>
                            Edit
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => void remove(c)}>
                            Delete
                          </Button>
                        </>
                      ) : null}
                    </div>
                  </div>
                  {result && result !== "running" ? (
                    <Alert
                      className="mt-3"
                      tone={result.ok ? "success" : "error"}
                      title={result.ok ? "Connection works" : "Connection failed"}
                    >
                      {result.message}
                    </Alert>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Card>
      )}
    </div>
  );
}
