"use client";

import { useEffect } from "react";

export const LAST_WORKSPACE_COOKIE = "switchyard-workspace";

/** Remembers the open workspace, so the start page returns to it (a preference, not access). */
export function RememberWorkspace({ slug }: { slug: string }) {
  useEffect(() => {
    document.cookie = `${LAST_WORKSPACE_COOKIE}=${encodeURIComponent(slug)}; path=/; max-age=31536000; samesite=lax`;
  }, [slug]);
  return null;
}
