"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { signInWithPassword } from "@/lib/client/sign-in";
import { formText } from "@/lib/client/form";

interface SignUpResponse {
  workspace: { slug: string };
}

export function SignUpForm({ firstUser, invitation, defaultEmail }: { firstUser: boolean; invitation?: string; defaultEmail?: string }) {
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const get = (k: string) => formText(form, k);
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      const body = {
        name: get("name"),
        email: get("email"),
        password: get("password"),
        ...(invitation ? { invitation } : get("workspaceName").trim() ? { workspaceName: get("workspaceName") } : {}),
      };
      const result = await apiFetch<SignUpResponse>("/api/auth/sign-up", { body });
      const signedIn = await signInWithPassword(body.email, body.password);
      if (!signedIn.ok) {
        window.location.href = "/sign-in";
        return;
      }
      window.location.href = `/w/${result.workspace.slug}`;
      return;
    } catch (err) {
      if (err instanceof ApiRequestError) setFields(err.fieldErrors());
      setError(errorMessage(err));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Your name" error={fields.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required autoFocus />}
      </Field>
      <Field label="Email" error={fields.email}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" defaultValue={defaultEmail} required />}
      </Field>
      <Field label="Password" hint="At least 8 characters. A passphrase is easiest to remember." error={fields.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" minLength={8} required />}
      </Field>
      {invitation ? null : (
        <Field
          label="Workspace name"
          hint={firstUser ? "Usually your team or company. You can rename it later." : "Optional. You can rename it later."}
          error={fields.workspaceName}
        >
          {(p) => <Input {...p} name="workspaceName" placeholder="Acme Operations" />}
        </Field>
      )}
      <Button type="submit" className="w-full" busy={busy}>
        {firstUser ? "Create owner account" : "Create account"}
      </Button>
    </form>
  );
}
