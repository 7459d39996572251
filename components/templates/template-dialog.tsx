"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CredentialForm } from "@/components/credentials/credential-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import type { TemplateDefinition } from "@/lib/templates";
import { Modal } from "./modal";
import type { CredentialChoice } from "./types";

/**
 * Creates a flow from a template: shows the walkthrough, asks for a credential per slot (an
 * existing one of the right type, or a new one made right here with the usual form and its
 * "Test connection") and for the template's settings, then opens the new flow in the editor.
 */
export function TemplateDialogBody({
  ws,
  template,
  credentials: initialCredentials,
  onCancel,
}: {
  ws: string;
  template: TemplateDefinition;
  credentials: CredentialChoice[];
  onCancel: () => void;
}) {
  const router = useRouter();
  const [credentials, setCredentials] = useState(initialCredentials);
  const [name, setName] = useState(template.name);
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      template.credentials.map((slot) => {
        const matching = initialCredentials.filter((c) => c.type === slot.type);
        // With exactly one credential of the type there is nothing to choose.
        return [slot.slot, matching.length === 1 ? matching[0]!.id : ""];
      }),
    ),
  );
  const [settings, setSettings] = useState<Record<string, string>>(() => Object.fromEntries(template.settings.map((s) => [s.key, ""])));
  const [creatingFor, setCreatingFor] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function create() {
    const missing: Record<string, string> = {};
    for (const slot of template.credentials)
      if (!chosen[slot.slot]) missing[`credentials.${slot.slot}`] = `Choose a ${slot.label} credential`;
    for (const s of template.settings) if (!settings[s.key]?.trim()) missing[`settings.${s.key}`] = "is required";
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const { flow } = await apiFetch<{ flow: { id: string } }>(`/api/w/${encodeURIComponent(ws)}/templates`, {
        body: { templateId: template.id, name, credentials: chosen, settings },
      });
      router.push(`/w/${ws}/flows/${flow.id}`);
    } catch (err) {
      if (err instanceof ApiRequestError) setErrors(err.fieldErrors());
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5" data-testid="template-dialog">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-600">
        {template.walkthrough.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Flow name" error={errors.name}>
        {(p) => <Input {...p} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
      </Field>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-zinc-900">Credentials</legend>
        {template.credentials.map((slot) => {
          const options = credentials.filter((c) => c.type === slot.type);
          if (creatingFor === slot.slot) {
            return (
              <div key={slot.slot} className="rounded-lg p-4 ring-1 ring-zinc-200" data-testid={`new-credential-${slot.slot}`}>
                <p className="mb-3 text-sm font-medium text-zinc-900">New {slot.label} credential</p>
                <CredentialForm
                  ws={ws}
                  type={slot.type}
                  onCancel={() => setCreatingFor(undefined)}
                  onSaved={(saved) => {
                    setCredentials((list) => [...list, { id: saved.id, name: saved.name, type: saved.type }]);
                    setChosen((c) => ({ ...c, [slot.slot]: saved.id }));
                    setCreatingFor(undefined);
                  }}
                />
              </div>
            );
          }
          return (
            <div key={slot.slot} className="flex flex-wrap items-end gap-3">
              <div className="min-w-64 flex-1">
                <Field label={`${slot.label} credential`} hint={slot.purpose} error={errors[`credentials.${slot.slot}`]}>
                  {(p) => (
                    <Select
                      {...p}
                      value={chosen[slot.slot] ?? ""}
                      onChange={(e) => setChosen((c) => ({ ...c, [slot.slot]: e.target.value }))}
                    >
                      <option value="">{options.length === 0 ? "None yet: create one" : "Choose…"}</option>
                      {options.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              <Button variant="secondary" onClick={() => setCreatingFor(slot.slot)} aria-label={`New ${slot.label} credential`}>
                New…
              </Button>
            </div>
          );
        })}
      </fieldset>

      {template.settings.length > 0 ? (
        <fieldset className="space-y-4">
          <legend className="text-sm font-semibold text-zinc-900">Settings</legend>
          {template.settings.map((s) => (
            <Field key={s.key} label={s.label} hint={s.description} error={errors[`settings.${s.key}`]}>
              {(p) => (
                <Input
                  {...p}
                  value={settings[s.key] ?? ""}
                  placeholder={s.placeholder}
                  onChange={(e) => setSettings((v) => ({ ...v, [s.key]: e.target.value }))}
                />
              )}
            </Field>
          ))}
        </fieldset>
      ) : null}

      <div className="flex flex-wrap gap-2 border-t border-zinc-100 pt-4">
        <Button busy={busy} disabled={creatingFor !== undefined} onClick={() => void create()}>
          Create flow
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export function TemplateDialog({
  ws,
  template,
  credentials,
  onClose,
}: {
  ws: string;
  template: TemplateDefinition;
  credentials: CredentialChoice[];
  onClose: () => void;
}) {
  return (
    <Modal title={`Create from “${template.name}”`} onClose={onClose}>
      <TemplateDialogBody ws={ws} template={template} credentials={credentials} onCancel={onClose} />
    </Modal>
  );
}
