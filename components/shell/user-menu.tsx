"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/client/sign-in";

export function UserMenu({ name, email }: { name: string | null; email: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <p className="text-sm font-medium leading-tight text-zinc-800">{name ?? email}</p>
        {name ? <p className="text-xs leading-tight text-zinc-500">{email}</p> : null}
      </div>
      <Button
        variant="ghost"
        size="sm"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await signOut();
          } finally {
            window.location.href = "/sign-in";
          }
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
