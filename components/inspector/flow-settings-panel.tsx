"use client";

import { memo } from "react";
import { useEditorContext, useEditorState } from "@/components/canvas/editor-context";
import { inputClass } from "./field-widgets";
import { ParametersEditor } from "./parameters-editor";

/** What the side panel shows when no node is selected: the flow's description, parameters and settings. */
export const FlowSettingsPanel = memo(function FlowSettingsPanel({ problems }: { problems: readonly string[] }) {
  const { store, readOnly } = useEditorContext();
  const meta = useEditorState((s) => s.graph.meta);
  const settings = meta.settings ?? {};
  const setSetting = (key: "timeoutSeconds" | "maxConcurrentRuns" | "idempotencyKey", value: number | string | undefined) => {
    const next = { ...settings, [key]: value };
    if (value === undefined || value === "") delete next[key];
    store.updateMeta({ settings: Object.keys(next).length ? next : undefined }, `settings.${key}`);
  };
  return (
    <aside
      aria-label="Flow settings"
      className="flex h-full w-[340px] shrink-0 flex-col overflow-y-auto border-l border-zinc-200 bg-white px-4 py-4"
      data-testid="flow-panel"
    >
      <h2 className="text-sm font-semibold text-zinc-900">Flow</h2>
      <p className="mt-0.5 text-xs text-zinc-500">Select a node to configure it. Shift-click or Shift-drag to select several.</p>
      {problems.length > 0 ? (
        <ul className="mt-3 list-disc rounded-lg bg-amber-50 py-2 pr-3 pl-7 text-xs text-amber-900 ring-1 ring-amber-200">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <fieldset disabled={readOnly} className="mt-4 space-y-5">
        <div className="space-y-1">
          <label htmlFor="flow-description" className="text-[13px] font-medium text-zinc-800">
            Description
          </label>
          <textarea
            id="flow-description"
            rows={2}
            className={inputClass}
            value={meta.description ?? ""}
            placeholder="What does this flow do?"
            onKeyDown={(e) => e.stopPropagation()}
            onChange={(e) => store.updateMeta({ description: e.target.value || undefined }, "description")}
          />
        </div>
        <section>
          <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Parameters</h3>
          <ParametersEditor value={meta.parameters} onChange={(parameters) => store.updateMeta({ parameters }, "parameters")} />
        </section>
        <section className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Run settings</h3>
          <label className="grid grid-cols-[130px_1fr] items-center gap-2 text-[13px] text-zinc-700">
            Timeout (s)
            <input
              type="number"
              min={1}
              className={inputClass}
              placeholder="900"
              value={settings.timeoutSeconds ?? ""}
              onChange={(e) => setSetting("timeoutSeconds", e.target.value === "" ? undefined : Number(e.target.value))}
            />
          </label>
          <label className="grid grid-cols-[130px_1fr] items-center gap-2 text-[13px] text-zinc-700">
            Max concurrent runs
            <input
              type="number"
              min={1}
              className={inputClass}
              placeholder="10"
              value={settings.maxConcurrentRuns ?? ""}
              onChange={(e) => setSetting("maxConcurrentRuns", e.target.value === "" ? undefined : Number(e.target.value))}
            />
          </label>
          <label className="grid grid-cols-[130px_1fr] items-center gap-2 text-[13px] text-zinc-700">
            Idempotency key
            <input
              className={inputClass}
              placeholder="{{ params.email }}"
              value={settings.idempotencyKey ?? ""}
              onKeyDown={(e) => e.stopPropagation()}
              onChange={(e) => setSetting("idempotencyKey", e.target.value)}
            />
          </label>
        </section>
      </fieldset>
    </aside>
  );
});
