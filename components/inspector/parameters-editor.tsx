"use client";

import { useState } from "react";
import { NODE_ID_PATTERN, type ParameterSpec } from "@/lib/engine/flow-document";
import { NodeIcon } from "@/components/canvas/icons";
import { inputClass } from "./field-widgets";

const TYPES: ParameterSpec["type"][] = ["string", "number", "integer", "boolean", "object", "array"];
const FORMATS = ["", "email", "date", "date-time", "url", "textarea"] as const;

/** The flow's parameters: the inputs of a run, from which the run form is generated. */
export function ParametersEditor({
  value,
  onChange,
}: {
  value: Record<string, ParameterSpec> | undefined;
  onChange: (next: Record<string, ParameterSpec> | undefined) => void;
}) {
  const entries = Object.entries(value ?? {});
  const [newName, setNewName] = useState("");
  const nameOk = NODE_ID_PATTERN.test(newName) && !(value && newName in value);
  const write = (list: [string, ParameterSpec][]) => onChange(list.length ? Object.fromEntries(list) : undefined);
  const update = (name: string, patch: Partial<ParameterSpec>) =>
    write(
      entries.map(([n, spec]) => {
        if (n !== name) return [n, spec];
        const next = { ...spec, ...patch };
        for (const k of Object.keys(patch) as (keyof ParameterSpec)[]) if (patch[k] === undefined) delete next[k];
        return [n, next];
      }),
    );
  return (
    <div className="space-y-3" data-testid="parameters-editor">
      {entries.length === 0 ? (
        <p className="text-xs text-zinc-500">
          No parameters yet. A run of this flow asks for the parameters you add here, and expressions read them as {"{{ params.name }}"}.
        </p>
      ) : null}
      {entries.map(([name, spec]) => (
        <div key={name} className="space-y-2 rounded-lg border border-zinc-200 p-2.5">
          <div className="flex items-center justify-between">
            <span className="font-mono text-[13px] font-medium text-zinc-900">{name}</span>
            <button
              type="button"
              aria-label={`Remove parameter ${name}`}
              onClick={() => write(entries.filter(([n]) => n !== name))}
              className="rounded p-1 text-zinc-400 hover:bg-red-50 hover:text-red-600"
            >
              <NodeIcon name="trash" size={14} />
            </button>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <select
              aria-label={`${name} type`}
              className={inputClass}
              value={spec.type}
              onChange={(e) => update(name, { type: e.target.value as ParameterSpec["type"] })}
            >
              {TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            {spec.type === "string" ? (
              <select
                aria-label={`${name} format`}
                className={inputClass}
                value={spec.format ?? ""}
                onChange={(e) => update(name, { format: (e.target.value || undefined) as ParameterSpec["format"] })}
              >
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f || "any text"}
                  </option>
                ))}
              </select>
            ) : (
              <span />
            )}
          </div>
          <input
            aria-label={`${name} description`}
            className={inputClass}
            placeholder="Description (shown in the run form)"
            value={spec.description ?? ""}
            onChange={(e) => update(name, { description: e.target.value || undefined })}
          />
          <div className="flex items-center gap-3">
            <label className="flex items-center gap-1.5 text-xs text-zinc-700">
              <input
                type="checkbox"
                checked={spec.required === true}
                onChange={(e) => update(name, { required: e.target.checked || undefined })}
                className="size-3.5 rounded border-zinc-300 text-indigo-600"
              />
              Required
            </label>
            <input
              aria-label={`${name} default`}
              className={inputClass}
              placeholder="Default value"
              value={spec.default === undefined ? "" : typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default)}
              onChange={(e) => update(name, { default: e.target.value === "" ? undefined : coerce(e.target.value, spec.type) })}
            />
          </div>
        </div>
      ))}
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!nameOk) return;
          write([...entries, [newName, { type: "string" }]]);
          setNewName("");
        }}
      >
        <input
          aria-label="New parameter name"
          className={inputClass}
          placeholder="New parameter, e.g. email"
          value={newName}
          onChange={(e) => setNewName(e.target.value.trim())}
          onKeyDown={(e) => e.stopPropagation()}
        />
        <button
          type="submit"
          disabled={!nameOk}
          className="shrink-0 rounded-md bg-zinc-900 px-3 text-sm font-medium text-white disabled:opacity-40"
        >
          Add
        </button>
      </form>
      {newName && !nameOk ? (
        <p className="text-xs text-red-600">
          {value && newName in value ? "That name is taken." : "Start with a letter; letters, digits and _ only."}
        </p>
      ) : null}
    </div>
  );
}

function coerce(text: string, type: ParameterSpec["type"]): unknown {
  if (type === "string") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
