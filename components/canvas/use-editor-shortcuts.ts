"use client";

import { useEffect, useRef } from "react";

/** Editor keyboard shortcuts on the window, ignored while typing in a field. */
export interface ShortcutActions {
  undo: () => void;
  redo: () => void;
  deleteSelection: () => void;
  selectAll: () => void;
  duplicate: () => void;
  save: () => void;
  run: () => void;
  layout: () => void;
  fit: () => void;
  note: () => void;
  group: () => void;
  help: () => void;
  escape: () => void;
}

export const isMac = (): boolean => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

export function useEditorShortcuts(actions: ShortcutActions, enabled: boolean): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const a = ref.current;
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (mod && key === "z") return run(e.shiftKey ? a.redo : a.undo);
      if (mod && key === "y") return run(a.redo);
      if (mod && key === "a") return run(a.selectAll);
      if (mod && key === "d") return run(a.duplicate);
      if (mod && key === "s") return run(a.save);
      if (mod && key === "g") return run(a.group);
      if (mod && key === "enter") return run(a.run);
      if (mod) return;
      if (key === "delete" || key === "backspace") return run(a.deleteSelection);
      if (e.key === "?") return run(a.help);
      if (key === "escape") return a.escape();
      if (e.shiftKey && key === "l") return run(a.layout);
      if (e.shiftKey && key === "f") return run(a.fit);
      if (e.shiftKey && key === "n") return run(a.note);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

/** Copy, cut and paste through the system clipboard events (work across tabs and browsers, no permission prompt). */
export function useClipboard(
  handlers: { copy: () => string | null; cut: () => string | null; paste: (text: string) => void },
  enabled: boolean,
): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onCopy = (e: ClipboardEvent) => {
      if (typing(e.target) || hasTextSelection()) return;
      const text = ref.current.copy();
      if (text === null) return;
      e.clipboardData?.setData("text/plain", text);
      e.preventDefault();
    };
    const onCut = (e: ClipboardEvent) => {
      if (typing(e.target) || hasTextSelection()) return;
      const text = ref.current.cut();
      if (text === null) return;
      e.clipboardData?.setData("text/plain", text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typing(e.target)) return;
      const text = e.clipboardData?.getData("text/plain");
      if (!text) return;
      e.preventDefault();
      ref.current.paste(text);
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
    };
  }, [enabled]);
}

function hasTextSelection(): boolean {
  const s = typeof window !== "undefined" ? window.getSelection() : null;
  return Boolean(s && !s.isCollapsed && s.toString().trim());
}
