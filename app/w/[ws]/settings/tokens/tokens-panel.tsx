"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { CopyIcon, KeyIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { formText } from "@/lib/client/form";

interface Token {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export function TokensPanel({ tokens, exampleUrl }: { tokens: Token[]; exampleUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [created, setCreated] = useState<{ token: string; name: string }>();
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState<string>();

  async function run(key: string, work: () => Promise<void>) {
    setBusy(key);
    setError(undefined);
    try {
      await work();
      router.refresh();
    } catch (err) {
      if (err instanceof ApiRequestError) setNameError(err.fieldErrors().name);
      setError(errorMessage(err));
    }
    setBusy(undefined);
  }

  const active = tokens.filter((t) => !t.revokedAt);
  return (
    <>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Card>
        <CardHeader
          title="Create a personal API token"
          description="Tokens act as you in every workspace you belong to, for scripts, CI and the CLI."
        />
        <CardBody className="space-y-4">
          <form
            className="grid gap-3 sm:grid-cols-[1fr_11rem_auto] sm:items-start"
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              const data = new FormData(form);
              const name = formText(data, "name");
              const days = Number(data.get("expiresInDays"));
              setNameError(undefined);
              setCreated(undefined);
              setCopied(false);
              void run("create", async () => {
                const res = await apiFetch<{ token: string; apiToken: { name: string } }>("/api/me/tokens", {
                  body: { name, ...(days > 0 ? { expiresInDays: days } : {}) },
                });
                setCreated({ token: res.token, name: res.apiToken.name });
                form.reset();
              });
            }}
          >
            <Field label="Name" error={nameError}>
              {(p) => <Input {...p} name="name" placeholder="CI deploy script" maxLength={100} required />}
            </Field>
            <Field label="Expires">
              {(p) => (
                <Select {...p} name="expiresInDays" defaultValue="90">
                  <option value="30">in 30 days</option>
                  <option value="90">in 90 days</option>
                  <option value="365">in a year</option>
                  <option value="0">never</option>
                </Select>
              )}
            </Field>
            <Button type="submit" busy={busy === "create"} className="sm:mt-7">
              Create token
            </Button>
          </form>
          {created ? (
            <Alert tone="success" title={`Token “${created.name}” created`}>
              <p>Copy it now: it is shown only once and cannot be recovered.</p>
              <div className="mt-2 flex items-center gap-2">
                <code
                  data-testid="new-token"
                  className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs text-zinc-800 ring-1 ring-emerald-200"
                >
                  {created.token}
                </code>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => void navigator.clipboard?.writeText(created.token).then(() => setCopied(true))}
                >
                  <CopyIcon width={14} height={14} /> {copied ? "Copied" : "Copy"}
                </Button>
              </div>
              <pre className="mt-3 overflow-x-auto rounded bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
                {`curl -H "Authorization: Bearer ${created.token}" \\\n  ${exampleUrl}`}
              </pre>
            </Alert>
          ) : null}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Your tokens" description={active.length === 0 ? undefined : `${active.length} active`} />
        {tokens.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-10 text-center">
            <KeyIcon className="text-zinc-300" width={28} height={28} />
            <p className="mt-3 text-sm text-zinc-500">No tokens yet. Create one to call the API from scripts.</p>
          </div>
        ) : (
          <ul role="list" className="divide-y divide-zinc-100">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-4 px-6 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-zinc-900">{t.name}</p>
                  <p className="text-xs text-zinc-500">
                    <code className="font-mono">{t.prefix}…</code> · created <RelativeTime iso={t.createdAt} /> ·{" "}
                    {t.lastUsedAt ? (
                      <>
                        last used <RelativeTime iso={t.lastUsedAt} />
                      </>
                    ) : (
                      "never used"
                    )}
                    {t.expiresAt ? ` · expires ${t.expiresAt.slice(0, 10)}` : ""}
                  </p>
                </div>
                {t.revokedAt ? (
                  <Badge tone="danger">revoked</Badge>
                ) : (
                  <Button
                    variant="ghost"
                    size="sm"
                    busy={busy === t.id}
                    onClick={() => {
                      if (!window.confirm(`Revoke “${t.name}”? Scripts using it stop working at once.`)) return;
                      void run(t.id, () => apiFetch(`/api/me/tokens/${encodeURIComponent(t.id)}`, { method: "DELETE" }));
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
