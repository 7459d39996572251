"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { templates, type TemplateDefinition } from "@/lib/templates";
import { TemplateDialog } from "./template-dialog";
import type { CredentialChoice } from "./types";

/**
 * "Start from a template" on the flows page: one card per template with what it does and the
 * credentials it needs; "Use template" opens the dialog that picks (or creates) them. Cards
 * are articles, not list items, so the flows above stay the page's only list.
 */
export function TemplateGallery({ ws, credentials, canWrite }: { ws: string; credentials: CredentialChoice[]; canWrite: boolean }) {
  const [open, setOpen] = useState<TemplateDefinition>();
  return (
    <section aria-labelledby="templates-heading" className="mt-10">
      <h2 id="templates-heading" className="text-base font-semibold text-zinc-900">
        Start from a template
      </h2>
      <p className="mt-1 text-sm text-zinc-500">Working flows with the steps already wired; you pick the credentials.</p>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {templates.map((t) => (
          <article
            key={t.id}
            aria-label={t.name}
            className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200"
            data-testid={`template-${t.id}`}
          >
            <h3 className="text-sm font-semibold text-zinc-900">{t.name}</h3>
            <p className="mt-1 flex-1 text-sm text-zinc-600">{t.summary}</p>
            <p className="mt-3 text-xs text-zinc-500">Needs</p>
            <p className="mt-1 flex flex-wrap gap-1.5">
              {t.credentials.map((c) => (
                <Badge key={c.slot} tone="brand">
                  {c.label}
                </Badge>
              ))}
            </p>
            {canWrite ? (
              <div className="mt-4">
                <Button size="sm" onClick={() => setOpen(t)} aria-label={`Use template ${t.name}`}>
                  Use template
                </Button>
              </div>
            ) : null}
          </article>
        ))}
      </div>
      {open ? <TemplateDialog ws={ws} template={open} credentials={credentials} onClose={() => setOpen(undefined)} /> : null}
    </section>
  );
}
