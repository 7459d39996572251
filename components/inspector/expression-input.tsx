"use client";

import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { completeAt, type CompletionResult, type ScopeNode } from "@/lib/editor/expression-completion";
import { hasTemplate, previewExpression, type PreviewContext, type PreviewResult } from "@/lib/editor/expression-preview";
import { cx } from "@/components/canvas/ui";

/**
 * A text field that accepts `{{ expression }}`: completion of `params`, `nodes`, `vars`, `run`
 * and upstream output fields while typing, and a live preview of the value computed in the
 * browser against the last run's data.
 */
export interface ExpressionEnv {
  scope: ScopeNode;
  /** Last run's data; null when the flow has not run yet. */
  preview: PreviewContext | null;
}

interface Props {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  env: ExpressionEnv;
  multiline?: boolean;
  jsonata?: boolean;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  ariaLabel?: string;
}

export const ExpressionInput = memo(function ExpressionInput({
  id,
  value,
  onChange,
  env,
  multiline,
  jsonata,
  placeholder,
  invalid,
  describedBy,
  ariaLabel,
}: Props) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [completion, setCompletion] = useState<CompletionResult | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const preview = usePreview(value, env.preview, jsonata);

  const refresh = (text: string, cursor: number) => {
    setCompletion(completeAt(text, cursor, env.scope, { jsonata }));
    setActive(0);
  };
  const accept = (label: string) => {
    if (!completion) return;
    const next = value.slice(0, completion.from) + label + value.slice(completion.to);
    onChange(next);
    setCompletion(null);
    const caret = completion.from + label.length;
    requestAnimationFrame(() => {
      ref.current?.setSelectionRange(caret, caret);
      ref.current?.focus();
    });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (!completion) {
      if (e.key === " " && e.ctrlKey) {
        e.preventDefault();
        refresh(value, ref.current?.selectionStart ?? value.length);
      }
      return;
    }
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => (a + 1) % completion.items.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (a - 1 + completion.items.length) % completion.items.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      accept(completion.items[active]!.label);
    } else if (e.key === "Escape") {
      setCompletion(null);
    }
  };
  const common = {
    id,
    ref,
    value,
    placeholder: placeholder ?? (jsonata ? "JSONata, e.g. amount > 100" : "Text, or {{ expression }}"),
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
    "aria-label": ariaLabel,
    "aria-autocomplete": "list" as const,
    "aria-controls": completion ? listId : undefined,
    "aria-expanded": completion ? true : false,
    role: "combobox",
    spellCheck: false,
    onKeyDown,
    onBlur: () => setTimeout(() => setCompletion(null), 120),
    onChange: (e: { target: { value: string; selectionStart: number | null } }) => {
      onChange(e.target.value);
      refresh(e.target.value, e.target.selectionStart ?? e.target.value.length);
    },
    className: cx(
      "w-full rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-[13px] text-zinc-900 shadow-sm ring-1 ring-inset placeholder:font-sans placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-500 focus:outline-none",
      invalid ? "ring-red-400" : "ring-zinc-300",
    ),
  };
  return (
    <div className="relative">
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      {completion ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Expression completions"
          className="absolute z-30 mt-1 max-h-56 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-zinc-200"
        >
          {completion.items.map((item, i) => (
            <li
              key={item.label}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(item.label);
              }}
              className={cx(
                "flex cursor-pointer items-center justify-between gap-3 px-2.5 py-1",
                i === active ? "bg-indigo-50 text-indigo-900" : "text-zinc-700",
              )}
            >
              <span className="font-mono text-[13px]">{item.label}</span>
              {item.detail ? <span className="truncate text-xs text-zinc-400">{item.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <PreviewLine result={preview} hasData={env.preview !== null} active={jsonata ? value.trim() !== "" : hasTemplate(value)} />
    </div>
  );
});

function usePreview(value: string, ctx: PreviewContext | null, jsonata?: boolean): PreviewResult {
  const [result, setResult] = useState<PreviewResult>({ kind: "none" });
  useEffect(() => {
    if (!ctx) return;
    let stale = false;
    const t = setTimeout(() => {
      void previewExpression(value, ctx, { jsonata }).then((r) => {
        if (!stale) setResult(r);
      });
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [value, ctx, jsonata]);
  return ctx ? result : { kind: "none" };
}

function PreviewLine({ result, hasData, active }: { result: PreviewResult; hasData: boolean; active: boolean }) {
  const text = useMemo(() => (result.kind === "value" ? shortJson(result.value) : ""), [result]);
  if (!active) return null;
  if (!hasData) return <p className="mt-1 text-xs text-zinc-400">Run the flow or test a node to preview this value.</p>;
  if (result.kind === "error")
    return (
      <p className="mt-1 text-xs text-red-600" data-testid="expression-preview">
        ⚠ {result.message}
      </p>
    );
  if (result.kind !== "value") return null;
  return (
    <p className="mt-1 truncate font-mono text-xs text-emerald-700" title={text} data-testid="expression-preview">
      = {text}
    </p>
  );
}

function shortJson(value: unknown): string {
  if (value === undefined) return "(nothing)";
  const s = JSON.stringify(value) ?? "(not JSON)";
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
