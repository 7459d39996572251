"use client";

import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { credentialDefinition } from "@/lib/catalog";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { buildData, credentialFormFields, initialValues, type CredentialFormField, type FormValues } from "./credential-fields";
import type { CredentialView, TestResult } from "./types";

/**
 * Create or edit a credential. The fields come from the credential type's definition; secret
 * fields are password inputs that never hold a saved value (the server only ever sends a
 * masked hint), and an empty secret on edit keeps the saved one.
 */
export function CredentialForm({
  ws,
  type,
  existing,
  onSaved,
  onCancel,
}: {
  ws: string;
  type: string;
  existing?: CredentialView;
  onSaved: (credential: CredentialView) => void;
  onCancel: () => void;
}) {
  const definition = credentialDefinition(type);
  const fields = useMemo(() => (definition ? credentialFormFields(definition) : []), [definition]);
  const mode = existing ? "edit" : "create";
  const [name, setName] = useState(existing?.name ?? definition?.title ?? "");
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, existing?.fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<"save" | "test">();
  const [test, setTest] = useState<TestResult>();

  if (!definition) return <Alert tone="error">Unknown credential type {type}.</Alert>;

  const collect = (): Record<string, unknown> | undefined => {
    const built = buildData(fields, values, mode);
    if (!built.ok) {
      setErrors(built.errors);
      return undefined;
    }
    setErrors({});
    return built.data;
  };

  const showApiError = (err: unknown) => {
    if (err instanceof ApiRequestError) {
      const byField: Record<string, string> = {};
      for (const [path, message] of Object.entries(err.fieldErrors())) byField[path.replace(/^data\./, "")] = message;
      setErrors(byField);
    }
    setError(errorMessage(err));
  };

  async function save() {
    const data = collect();
    if (!data) return;
    setBusy("save");
    setError(undefined);
    try {
      const res = existing
        ? await apiFetch<{ credential: CredentialView }>(`/api/w/${encodeURIComponent(ws)}/credentials/${existing.id}`, {
            method: "PUT",
            body: { name, data },
          })
        : await apiFetch<{ credential: CredentialView }>(`/api/w/${encodeURIComponent(ws)}/credentials`, { body: { type, name, data } });
      onSaved(res.credential);
    } catch (err) {
      showApiError(err);
    }
    setBusy(undefined);
  }

  async function testConnection() {
    const data = collect();
    if (!data) return;
    setBusy("test");
    setError(undefined);
    setTest(undefined);
    try {
      const res = existing
        ? await apiFetch<{ result: TestResult }>(`/api/w/${encodeURIComponent(ws)}/credentials/${existing.id}/test`, { body: { data } })
        : await apiFetch<{ result: TestResult }>(`/api/w/${encodeURIComponent(ws)}/credentials/test`, { body: { type, data } });
      setTest(res.result);
    } catch (err) {
      showApiError(err);
    }
    setBusy(undefined);
  }

  return (
    <form
      className="space-y-4"
      data-testid="credential-form"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="text-sm text-zinc-600">{definition.description}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Name" error={errors.name}>
        {(p) => <Input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
      </Field>
      {fields.map((f) => (
        <FieldInput
          key={f.key}
          field={f}
          value={values[f.key]}
          error={errors[f.key]}
          savedHint={existing?.secrets[f.key]}
          onChange={(v) => setValues((prev) => ({ ...prev, [f.key]: v }))}
        />
      ))}
      {test ? (
        <Alert tone={test.ok ? "success" : "error"} title={test.ok ? "Connection works" : "Connection failed"}>
          {test.message}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={busy === "save"}>
          {existing ? "Save changes" : "Create credential"}
        </Button>
        {definition.test ? (
          <Button variant="secondary" busy={busy === "test"} onClick={() => void testConnection()}>
            Test connection
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function FieldInput({
  field,
  value,
  error,
  savedHint,
  onChange,
}: {
  field: CredentialFormField;
  value: string | boolean | undefined;
  error?: string;
  savedHint?: { set: boolean; hint: string };
  onChange: (value: string | boolean) => void;
}) {
  const label = field.required ? field.label : `${field.label} (optional)`;
  if (field.kind === "boolean") {
    return (
      <label className="flex items-center gap-2 text-sm text-zinc-800">
        <input type="checkbox" name={field.key} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {field.label}
      </label>
    );
  }
  const text = typeof value === "string" ? value : "";
  const hint = field.secret && savedHint?.set ? `Saved (${savedHint.hint}). Leave empty to keep it.` : field.description;
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) =>
        field.kind === "enum" ? (
          <Select {...p} name={field.key} value={text} onChange={(e) => onChange(e.target.value)}>
            {field.required ? null : <option value="">—</option>}
            {(field.options ?? []).map((o) => (
              <option key={String(o)} value={String(o)}>
                {String(o)}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            {...p}
            name={field.key}
            // Secrets are write-only: the input starts empty and the browser must not offer saved passwords.
            type={field.secret ? "password" : field.kind === "number" || field.kind === "integer" ? "number" : "text"}
            autoComplete={field.secret ? "new-password" : "off"}
            value={text}
            placeholder={field.secret && savedHint?.set ? savedHint.hint : field.placeholder}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
