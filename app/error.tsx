"use client";

import { Button } from "@/components/ui/button";

/** Unexpected failures while rendering a page; details stay in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-500">
        The page could not be loaded. Try again; if it keeps failing, give your administrator this reference: {error.digest ?? "none"}.
      </p>
      <Button className="mt-6" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
