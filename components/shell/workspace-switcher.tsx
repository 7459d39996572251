"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CheckIcon, ChevronDownIcon, PlusIcon } from "@/components/ui/icons";

export interface SwitcherWorkspace {
  slug: string;
  name: string;
  role: string;
}

/**
 * A menu of the caller's workspaces. Keyboard: Enter/Space/ArrowDown open it, arrows move,
 * Escape closes and returns focus to the button.
 */
export function WorkspaceSwitcher({ current, workspaces }: { current: SwitcherWorkspace; workspaces: SwitcherWorkspace[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const onClick = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onClick);
    return () => document.removeEventListener("mousedown", onClick);
  }, [open]);

  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      items[(index + 1) % items.length]?.focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      items[(index - 1 + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Workspace: ${current.name}. Switch workspace`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="inline-flex max-w-64 items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100"
      >
        <span
          className="flex size-6 shrink-0 items-center justify-center rounded bg-indigo-100 text-xs font-semibold text-indigo-700"
          aria-hidden
        >
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="truncate">{current.name}</span>
        <ChevronDownIcon width={16} height={16} className="shrink-0 text-zinc-400" />
      </button>
      {open ? (
        <div
          ref={menu}
          role="menu"
          aria-label="Workspaces"
          onKeyDown={onMenuKey}
          className="absolute left-0 z-30 mt-1 w-72 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200"
        >
          <p className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-zinc-400">Workspaces</p>
          {workspaces.map((w) => (
            <Link
              key={w.slug}
              href={`/w/${w.slug}`}
              role="menuitem"
              onClick={() => setOpen(false)}
              className="flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-50 focus:bg-zinc-100 focus:outline-none"
            >
              <span className="truncate">{w.name}</span>
              <span className="flex items-center gap-2 text-xs text-zinc-400">
                {w.role}
                {w.slug === current.slug ? <CheckIcon width={16} height={16} className="text-indigo-600" aria-label="current" /> : null}
              </span>
            </Link>
          ))}
          <div className="my-1 border-t border-zinc-100" />
          <Link
            href="/workspaces/new"
            role="menuitem"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-50 focus:bg-zinc-100 focus:outline-none"
          >
            <PlusIcon width={16} height={16} /> New workspace
          </Link>
        </div>
      ) : null}
    </div>
  );
}
