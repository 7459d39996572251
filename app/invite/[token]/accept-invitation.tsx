"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch, errorMessage } from "@/lib/client/api";

export function AcceptInvitation({ token }: { token: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        className="w-full"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            const { slug } = await apiFetch<{ slug: string }>(`/api/invitations/${encodeURIComponent(token)}/accept`, { method: "POST" });
            window.location.href = `/w/${slug}`;
          } catch (err) {
            setError(errorMessage(err));
            setBusy(false);
          }
        }}
      >
        Accept invitation
      </Button>
    </div>
  );
}
