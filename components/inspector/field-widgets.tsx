"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import type { FormField } from "@/lib/editor/schema-form";
import { cx } from "@/components/canvas/ui";
import { NodeIcon } from "@/components/canvas/icons";
import { ExpressionInput, type ExpressionEnv } from "./expression-input";

/** One widget per field kind; every widget edits plain JSON values. */

export const inputClass =
  "w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-500 focus:outline-none";

export interface FieldProps {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
  env: ExpressionEnv;
  problems?: readonly string[];
}

export function FieldShell({
  field,
  problems,
  children,
  htmlFor,
}: {
  field: FormField;
  problems?: readonly string[];
  children: ReactNode;
  htmlFor?: string;
}) {
  return (
    <div className="space-y-1" data-testid={`field-${field.key}`}>
      <label htmlFor={htmlFor} className="flex items-center gap-1.5 text-[13px] font-medium text-zinc-800">
        {field.label}
        {field.required ? (
          <span className="text-red-500" aria-hidden>
            *
          </span>
        ) : null}
        {field.expression ? (
          <span
            className="rounded bg-zinc-100 px-1 font-mono text-[10px] text-zinc-500"
            title={field.jsonata ? "JSONata over the node's input" : "Accepts {{ expressions }}"}
          >
            {field.jsonata ? "jsonata" : "{{ }}"}
          </span>
        ) : null}
      </label>
      {children}
      {field.description ? <p className="text-xs text-zinc-500">{field.description}</p> : null}
      {problems?.map((p) => (
        <p key={p} className="text-xs text-red-600" role="alert">
          {p}
        </p>
      ))}
    </div>
  );
}

const asString = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : (JSON.stringify(v) ?? ""));

export function FieldWidget({ field, value, onChange, env, problems }: FieldProps) {
  const id = useId();
  const invalid = Boolean(problems?.length);
  const shell = (control: ReactNode) => (
    <FieldShell field={field} problems={problems} htmlFor={id}>
      {control}
    </FieldShell>
  );
  switch (field.kind) {
    case "string":
    case "textarea":
      return shell(
        <ExpressionInput
          id={id}
          value={asString(value)}
          onChange={onChange}
          env={env}
          multiline={field.kind === "textarea"}
          jsonata={field.jsonata}
          placeholder={field.placeholder}
          invalid={invalid}
        />,
      );
    case "code":
      return shell(
        <textarea
          id={id}
          rows={8}
          spellCheck={false}
          value={asString(value)}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => e.stopPropagation()}
          className={cx(inputClass, "font-mono text-[12px]")}
        />,
      );
    case "number":
    case "integer":
      return shell(<NumberInput id={id} field={field} value={value} onChange={onChange} invalid={invalid} />);
    case "boolean":
      return (
        <FieldShell field={{ ...field, label: "" }} problems={problems}>
          <label className="flex cursor-pointer items-center gap-2 text-[13px] font-medium text-zinc-800">
            <input
              type="checkbox"
              checked={value === undefined ? field.default === true : value === true}
              onChange={(e) => onChange(e.target.checked)}
              className="size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-500"
            />
            {field.label}
          </label>
        </FieldShell>
      );
    case "enum":
      return shell(
        <select
          id={id}
          value={value === undefined ? "" : asString(value)}
          onChange={(e) =>
            onChange(e.target.value === "" ? undefined : (field.options?.find((o) => String(o) === e.target.value) ?? e.target.value))
          }
          className={inputClass}
        >
          {!field.required || value === undefined ? (
            <option value="">{field.default !== undefined ? `Default (${asString(field.default)})` : "—"}</option>
          ) : null}
          {field.options?.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>,
      );
    case "list":
      return shell(<ListInput field={field} value={value} onChange={onChange} env={env} />);
    case "keyvalue":
      return shell(<KeyValueInput field={field} value={value} onChange={onChange} env={env} />);
    case "object":
      return (
        <fieldset className="space-y-3 rounded-lg border border-zinc-200 p-3">
          <legend className="px-1 text-[13px] font-medium text-zinc-800">{field.label}</legend>
          {field.description ? <p className="text-xs text-zinc-500">{field.description}</p> : null}
          {field.fields?.map((sub) => {
            const obj = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
            return (
              <FieldWidget
                key={sub.key}
                field={sub}
                value={obj[sub.key]}
                env={env}
                onChange={(v) => {
                  const next = { ...obj, [sub.key]: v };
                  if (v === undefined) delete next[sub.key];
                  onChange(Object.keys(next).length ? next : undefined);
                }}
              />
            );
          })}
        </fieldset>
      );
    case "json":
    default:
      return shell(<JsonInput id={id} value={value} onChange={onChange} />);
  }
}

function NumberInput({
  id,
  field,
  value,
  onChange,
  invalid,
}: {
  id: string;
  field: FormField;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
}) {
  return (
    <input
      id={id}
      type="number"
      inputMode={field.kind === "integer" ? "numeric" : "decimal"}
      step={field.kind === "integer" ? 1 : "any"}
      min={field.min}
      max={field.max}
      value={typeof value === "number" ? value : ""}
      placeholder={field.default !== undefined ? asString(field.default) : undefined}
      onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      aria-invalid={invalid || undefined}
      className={inputClass}
    />
  );
}

function ListInput({
  field,
  value,
  onChange,
  env,
}: {
  field: FormField;
  value: unknown;
  onChange: (v: unknown) => void;
  env: ExpressionEnv;
}) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const set = (next: unknown[]) => onChange(next);
  return (
    <div className="space-y-1.5">
      {items.map((item, i) => (
        <div key={i} className="flex items-start gap-1.5">
          <div className="flex-1">
            {field.itemKind === "number" ? (
              <input
                type="number"
                aria-label={`${field.label} ${i + 1}`}
                value={typeof item === "number" ? item : ""}
                onChange={(e) => set(items.map((x, j) => (j === i ? Number(e.target.value) : x)))}
                className={inputClass}
              />
            ) : (
              <ExpressionInput
                ariaLabel={`${field.label} ${i + 1}`}
                value={asString(item)}
                onChange={(v) => set(items.map((x, j) => (j === i ? v : x)))}
                env={env}
              />
            )}
          </div>
          <RemoveButton label={`Remove ${field.label} ${i + 1}`} onClick={() => set(items.filter((_, j) => j !== i))} />
        </div>
      ))}
      <AddButton onClick={() => set([...items, field.itemKind === "number" ? 0 : ""])}>Add item</AddButton>
    </div>
  );
}

function KeyValueInput({
  field,
  value,
  onChange,
  env,
}: {
  field: FormField;
  value: unknown;
  onChange: (v: unknown) => void;
  env: ExpressionEnv;
}) {
  const obj = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  // Rows keep their order and allow an empty key while typing; the object is rebuilt from them.
  const [rows, setRows] = useState<[string, unknown][]>(() => Object.entries(obj));
  useEffect(() => {
    const fromRows = Object.fromEntries(rows.filter(([k]) => k !== ""));
    if (JSON.stringify(fromRows) !== JSON.stringify(obj)) setRows(Object.entries(obj));
    // Resync only when the value changes from outside (undo, paste).
  }, [JSON.stringify(obj)]);
  const commit = (next: [string, unknown][]) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter(([k]) => k !== "")));
  };
  return (
    <div className="space-y-1.5">
      {rows.map(([k, v], i) => (
        <div key={i} className="flex items-start gap-1.5">
          <input
            aria-label={`${field.label} key ${i + 1}`}
            value={k}
            placeholder="key"
            onChange={(e) => commit(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
            onKeyDown={(e) => e.stopPropagation()}
            className={cx(inputClass, "w-2/5 font-mono text-[13px]")}
          />
          <div className="flex-1">
            <ExpressionInput
              ariaLabel={`${field.label} value ${i + 1}`}
              value={asString(v)}
              onChange={(nv) => commit(rows.map((r, j) => (j === i ? [r[0], nv] : r)))}
              env={env}
              placeholder="value or {{ expression }}"
            />
          </div>
          <RemoveButton label={`Remove ${k || "row"}`} onClick={() => commit(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
      <AddButton onClick={() => setRows([...rows, ["", ""]])}>Add field</AddButton>
    </div>
  );
}

export function JsonInput({
  id,
  value,
  onChange,
  rows = 5,
}: {
  id?: string;
  value: unknown;
  onChange: (v: unknown) => void;
  rows?: number;
}) {
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 2)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current: unknown;
    try {
      current = text.trim() ? JSON.parse(text) : undefined;
    } catch {
      return;
    }
    if (JSON.stringify(current) !== JSON.stringify(value)) setText(value === undefined ? "" : JSON.stringify(value, null, 2));
    // Resync only when the value changes from outside (undo, restore).
  }, [JSON.stringify(value)]);
  return (
    <div>
      <textarea
        id={id}
        rows={rows}
        spellCheck={false}
        value={text}
        placeholder="JSON"
        onKeyDown={(e) => e.stopPropagation()}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value) as unknown);
            setError(null);
          } catch (err) {
            setError(err instanceof Error ? err.message : "Invalid JSON");
          }
        }}
        aria-invalid={error ? true : undefined}
        className={cx(inputClass, "font-mono text-[12px]", error && "ring-red-400")}
      />
      {error ? <p className="text-xs text-red-600">Not valid JSON yet: {error}</p> : null}
    </div>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="inline-flex items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50"
    >
      <NodeIcon name="plus" size={13} />
      {children}
    </button>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="mt-1 rounded p-1 text-zinc-400 hover:bg-red-50 hover:text-red-600"
    >
      <NodeIcon name="x" size={14} />
    </button>
  );
}
