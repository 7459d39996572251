"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { formText } from "@/lib/client/form";

export function NewWorkspaceForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = formText(new FormData(e.currentTarget), "name");
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      const { workspace } = await apiFetch<{ workspace: { slug: string } }>("/api/workspaces", { body: { name } });
      router.push(`/w/${workspace.slug}`);
      return;
    } catch (err) {
      if (err instanceof ApiRequestError) setFieldError(err.fieldErrors().name);
      setError(errorMessage(err));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Workspace name" error={fieldError}>
        {(p) => <Input {...p} name="name" placeholder="Acme Operations" required autoFocus maxLength={80} />}
      </Field>
      <Button type="submit" className="w-full" busy={busy}>
        Create workspace
      </Button>
    </form>
  );
}
