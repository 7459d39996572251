"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { apiFetch, errorMessage } from "@/lib/client/api";

/** Creates an empty flow and opens it in the editor. */
export function NewFlowButton({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col items-center gap-2">
      <Button
        busy={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            const { flow } = await apiFetch<{ flow: { id: string } }>(`/api/w/${encodeURIComponent(workspace)}/flows`, {
              body: { name: "Untitled flow" },
            });
            router.push(`/w/${workspace}/flows/${flow.id}`);
          } catch (err) {
            setError(errorMessage(err));
            setBusy(false);
          }
        }}
      >
        {busy ? null : <PlusIcon width={16} height={16} />}
        New flow
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
