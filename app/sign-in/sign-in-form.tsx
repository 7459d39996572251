"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { signInWithPassword, signInWithProvider } from "@/lib/client/sign-in";
import { formText } from "@/lib/client/form";

export function SignInForm({
  callbackUrl,
  providers,
  initialError,
}: {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError?: string;
}) {
  const [error, setError] = useState<string | undefined>(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const result = await signInWithPassword(formText(form, "email"), formText(form, "password"));
      if (result.ok) {
        window.location.href = callbackUrl;
        return;
      }
      setError(result.message);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <div className="space-y-6">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label="Email">{(p) => <Input {...p} name="email" type="email" autoComplete="email" required autoFocus />}</Field>
        <Field label="Password">{(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}</Field>
        <Button type="submit" className="w-full" busy={busy}>
          Sign in
        </Button>
      </form>
      {providers.length > 0 ? (
        <>
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-zinc-400">
            <span className="h-px flex-1 bg-zinc-200" /> or <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <div className="space-y-2">
            {providers.map((p) => (
              <Button key={p.id} variant="secondary" className="w-full" onClick={() => void signInWithProvider(p.id, callbackUrl)}>
                Continue with {p.name}
              </Button>
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
