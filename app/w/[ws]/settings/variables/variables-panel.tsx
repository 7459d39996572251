"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { apiFetch, errorMessage } from "@/lib/client/api";
import { parseJsonText, toJsonText, VARIABLE_NAME } from "./variable-json";

interface VariableView {
  name: string;
  value: unknown;
  updatedAt: string;
}

const textareaClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus-visible:outline-none read-only:bg-zinc-50";

export function VariablesPanel({ ws, initial, canWrite }: { ws: string; initial: VariableView[]; canWrite: boolean }) {
  const [variables, setVariables] = useState(initial);
  const [drafts, setDrafts] = useState<Record<string, string>>(() => Object.fromEntries(initial.map((v) => [v.name, toJsonText(v.value)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [newName, setNewName] = useState("");
  const [newValue, setNewValue] = useState("{}");
  const base = `/api/w/${encodeURIComponent(ws)}/variables`;

  async function reload() {
    const res = await apiFetch<{ variables: VariableView[] }>(base);
    setVariables(res.variables);
    setDrafts(Object.fromEntries(res.variables.map((v) => [v.name, toJsonText(v.value)])));
  }

  async function save(name: string, text: string): Promise<boolean> {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      setErrors((e) => ({ ...e, [name]: parsed.error }));
      return false;
    }
    setBusy(name);
    setError(undefined);
    try {
      await apiFetch(`${base}/${encodeURIComponent(name)}`, { method: "PUT", body: { value: parsed.value } });
      setErrors((e) => ({ ...e, [name]: "" }));
      await reload();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(undefined);
    }
  }

  async function remove(name: string) {
    if (!window.confirm(`Delete the variable "${name}"? Flows that read vars.${name} will get nothing.`)) return;
    try {
      await apiFetch(`${base}/${encodeURIComponent(name)}`, { method: "DELETE" });
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="space-y-6" data-testid="variables-panel">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {canWrite ? (
        <Card>
          <CardHeader
            title="Add a variable"
            description="A named JSON value (configuration, lookup tables). Flows read it as vars.<name>. Not for secrets: use a credential."
          />
          <CardBody>
            <form
              className="space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                if (!VARIABLE_NAME.test(newName)) {
                  setErrors((x) => ({ ...x, "": "Use letters, digits and _, starting with a letter or _." }));
                  return;
                }
                void save(newName, newValue).then((ok) => {
                  if (ok) {
                    setNewName("");
                    setNewValue("{}");
                    setErrors((x) => ({ ...x, "": "" }));
                  }
                });
              }}
            >
              <Field label="Name" error={errors[""] || undefined}>
                {(p) => (
                  <Input
                    {...p}
                    value={newName}
                    onChange={(e) => setNewName(e.target.value)}
                    placeholder="countryNames"
                    maxLength={100}
                    required
                  />
                )}
              </Field>
              <label className="block space-y-1.5 text-sm font-medium text-zinc-800">
                <span>Value (JSON)</span>
                <textarea
                  className={textareaClass}
                  rows={4}
                  value={newValue}
                  onChange={(e) => setNewValue(e.target.value)}
                  spellCheck={false}
                />
              </label>
              <Button type="submit" busy={busy === newName && newName !== ""}>
                Add variable
              </Button>
            </form>
          </CardBody>
        </Card>
      ) : null}
      {variables.length === 0 ? (
        <EmptyState title="No variables yet" description="Variables hold values several flows share, such as lookup tables and settings." />
      ) : (
        <Card>
          <CardHeader title="Variables" description={`${variables.length} in this workspace`} />
          <ul className="divide-y divide-zinc-100">
            {variables.map((v) => (
              <li key={v.name} className="space-y-2 px-6 py-4" data-testid="variable-row">
                <div className="flex items-center justify-between gap-3">
                  <p className="font-mono text-sm font-medium text-zinc-900">vars.{v.name}</p>
                  <p className="text-xs text-zinc-500">
                    changed <RelativeTime iso={v.updatedAt} />
                  </p>
                </div>
                <textarea
                  aria-label={`Value of ${v.name}`}
                  className={textareaClass}
                  rows={Math.min(12, (drafts[v.name] ?? "").split("\n").length + 1)}
                  value={drafts[v.name] ?? ""}
                  readOnly={!canWrite}
                  spellCheck={false}
                  onChange={(e) => setDrafts((d) => ({ ...d, [v.name]: e.target.value }))}
                />
                {errors[v.name] ? <p className="text-xs font-medium text-red-600">{errors[v.name]}</p> : null}
                {canWrite ? (
                  <div className="flex gap-2">
                    <Button
                      size="sm"
                      busy={busy === v.name}
                      disabled={drafts[v.name] === toJsonText(v.value)}
                      onClick={() => void save(v.name, drafts[v.name] ?? "")}
                    >
                      Save
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => void remove(v.name)}>
                      Delete
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
