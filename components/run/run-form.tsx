"use client";

import { useState } from "react";
import type { ParameterSpec } from "@/lib/engine/flow-document";
import { Btn, Dialog } from "@/components/canvas/ui";
import { inputClass } from "@/components/inspector/field-widgets";
import { parseRunValues, type RunFormValues } from "@/lib/editor/run-parameters";

/** The run form, generated from the flow's parameters; checks required and typed values before sending. */

type Values = RunFormValues;

function initial(params: Record<string, ParameterSpec>, last: Record<string, unknown> | undefined): Values {
  const out: Values = {};
  for (const [name, spec] of Object.entries(params)) {
    const v = last?.[name] ?? spec.default;
    out[name] = spec.type === "boolean" ? v === true : v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

export function RunForm({
  parameters,
  last,
  dryRun,
  onSubmit,
  onClose,
  busy,
}: {
  parameters: Record<string, ParameterSpec>;
  last?: Record<string, unknown>;
  dryRun: boolean;
  onSubmit: (parameters: Record<string, unknown>) => void;
  onClose: () => void;
  busy: boolean;
}) {
  const [values, setValues] = useState<Values>(() => initial(parameters, last));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <Dialog title={dryRun ? "Dry run: parameters" : "Run: parameters"} onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseRunValues(parameters, values);
          if (!parsed.ok) setErrors(parsed.errors);
          else onSubmit(parsed.parameters);
        }}
      >
        {dryRun ? (
          <p className="rounded-md bg-indigo-50 px-3 py-2 text-xs text-indigo-800">
            A dry run calls no outside service: nodes with side effects return the request they would have sent.
          </p>
        ) : null}
        {Object.entries(parameters).map(([name, spec]) => (
          <div key={name} className="space-y-1">
            <label htmlFor={`param-${name}`} className="text-[13px] font-medium text-zinc-800">
              {name}
              {spec.required ? <span className="text-red-500"> *</span> : null}
              <span className="ml-2 font-normal text-zinc-400">{spec.format ?? spec.type}</span>
            </label>
            {spec.type === "boolean" ? (
              <input
                id={`param-${name}`}
                type="checkbox"
                checked={values[name] === true}
                onChange={(e) => setValues({ ...values, [name]: e.target.checked })}
                className="block size-4"
              />
            ) : spec.enum ? (
              <select
                id={`param-${name}`}
                className={inputClass}
                value={String(values[name] ?? "")}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              >
                <option value="">—</option>
                {spec.enum.map((o) => (
                  <option key={String(o)}>{String(o)}</option>
                ))}
              </select>
            ) : spec.format === "textarea" || spec.type === "object" || spec.type === "array" ? (
              <textarea
                id={`param-${name}`}
                rows={3}
                className={inputClass}
                value={String(values[name] ?? "")}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              />
            ) : (
              <input
                id={`param-${name}`}
                type={
                  spec.format === "email"
                    ? "email"
                    : spec.format === "date"
                      ? "date"
                      : spec.format === "date-time"
                        ? "datetime-local"
                        : spec.type === "string"
                          ? "text"
                          : "number"
                }
                className={inputClass}
                value={String(values[name] ?? "")}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              />
            )}
            {spec.description ? <p className="text-xs text-zinc-500">{spec.description}</p> : null}
            {errors[name] ? (
              <p className="text-xs text-red-600" role="alert">
                {name} {errors[name]}
              </p>
            ) : null}
          </div>
        ))}
        <div className="flex justify-end gap-2 pt-2">
          <Btn onClick={onClose}>Cancel</Btn>
          <Btn type="submit" tone="primary" icon="play" busy={busy}>
            {dryRun ? "Start dry run" : "Start run"}
          </Btn>
        </div>
      </form>
    </Dialog>
  );
}
