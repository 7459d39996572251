"use client";

import { memo, useMemo, useState } from "react";
import { NODE_ID_PATTERN } from "@/lib/engine/flow-document";
import type { StepView } from "@/lib/editor/api-schemas";
import { createStructureSelector } from "@/lib/editor/graph-structure";
import { isFlowNode, type FlowCanvasNode } from "@/lib/editor/graph-types";
import { schemaToFields } from "@/lib/editor/schema-form";
import type { EditorProblems } from "@/lib/editor/validation";
import { useEditorContext, useEditorState } from "@/components/canvas/editor-context";
import { NodeIcon } from "@/components/canvas/icons";
import { CATEGORY_TILE } from "@/components/canvas/node-style";
import { cx } from "@/components/canvas/ui";
import { CredentialPicker } from "./credential-picker";
import { expressionEnvFor, type SampleData } from "./expression-env";
import { FieldWidget, inputClass } from "./field-widgets";
import { SettingsForm } from "./settings-form";
import { TestPanel } from "./test-panel";

/**
 * The inspector of the selected node: a form generated from its type's config schema, its
 * execution settings, and "Test" with the output inline. Validation problems show under the
 * fields they concern.
 */

export interface InspectorProps {
  ws: string;
  nodeId: string;
  problems: EditorProblems;
  sample: SampleData;
  variables: readonly string[];
  test: { result?: StepView; error?: string; running: boolean; pinned: unknown; hasPin: boolean };
  onTest: (nodeId: string) => void;
  onPin: (nodeId: string, value: unknown) => void;
  onClose: () => void;
}

type Tab = "config" | "settings" | "test";

export const Inspector = memo(function Inspector(props: InspectorProps) {
  const { nodeId } = props;
  // The node's data only: its position changes on every frame of a drag, its data does not.
  const data = useEditorState((s) => {
    const n = s.graph.nodes.find((x) => x.id === nodeId);
    return n && isFlowNode(n) ? n.data : undefined;
  });
  const node = useMemo(() => (data ? { id: nodeId, data } : null), [nodeId, data]);
  if (!node) return null;
  return <NodeInspector key={nodeId} node={node} {...props} />;
});

function NodeInspector({
  node,
  ws,
  problems,
  sample,
  variables,
  test,
  onTest,
  onPin,
  onClose,
}: InspectorProps & { node: Pick<FlowCanvasNode, "id" | "data"> }) {
  const { catalog, store, readOnly } = useEditorContext();
  const selectStructure = useMemo(createStructureSelector, []);
  const graph = useEditorState((s) => selectStructure(s.graph));
  const def = catalog.get(node.data.type, node.data.typeVersion);
  const fields = useMemo(() => (def ? schemaToFields(def.config as Parameters<typeof schemaToFields>[0]) : []), [def]);
  const env = useMemo(() => expressionEnvFor(node.id, graph, catalog, sample, variables), [node.id, graph, catalog, sample, variables]);
  const [tab, setTab] = useState<Tab>("config");
  const [idDraft, setIdDraft] = useState(node.id);
  const fieldProblems = (section: string, key: string) => problems.byField.get(`${node.id}/${section}/${key}`);
  const nodeProblems = problems.byNode.get(node.id) ?? [];
  const config = node.data.config;

  return (
    <aside
      aria-label="Inspector"
      className="flex h-full w-[380px] shrink-0 flex-col border-l border-zinc-200 bg-white"
      data-testid="inspector"
    >
      <header className="border-b border-zinc-100 px-4 pt-3 pb-2">
        <div className="flex items-start gap-2.5">
          <span
            className={cx(
              "mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-lg",
              def ? CATEGORY_TILE[def.category] : "bg-red-100 text-red-700",
            )}
          >
            <NodeIcon name={def?.icon ?? "alert"} />
          </span>
          <div className="min-w-0 flex-1">
            <input
              aria-label="Node label"
              value={node.data.label ?? ""}
              placeholder={def?.title ?? node.data.type}
              disabled={readOnly}
              onChange={(e) => store.updateNodeData(node.id, { label: e.target.value || undefined }, "label")}
              onKeyDown={(e) => e.stopPropagation()}
              className="w-full rounded px-1 -mx-1 text-[15px] font-semibold text-zinc-900 outline-none hover:bg-zinc-50 focus:bg-zinc-50 focus:ring-1 focus:ring-indigo-300"
            />
            <p className="truncate text-xs text-zinc-500">
              {def?.title ?? "Unknown node type"} · <span className="font-mono">{node.data.type}</span> v{node.data.typeVersion}
              {def?.docsUrl ? (
                <>
                  {" · "}
                  <a href={def.docsUrl} target="_blank" rel="noreferrer" className="text-indigo-600 hover:underline">
                    docs
                  </a>
                </>
              ) : null}
            </p>
          </div>
          <button
            type="button"
            aria-label="Close inspector"
            onClick={onClose}
            className="rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
          >
            <NodeIcon name="x" size={16} />
          </button>
        </div>
        <div role="tablist" aria-label="Inspector sections" className="mt-3 flex gap-1">
          {(
            [
              ["config", "Configure"],
              ["settings", "Settings"],
              ["test", "Test & output"],
            ] as const
          ).map(([t, label]) => (
            <button
              key={t}
              role="tab"
              type="button"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
              className={cx(
                "rounded-md px-2.5 py-1 text-[13px] font-medium",
                tab === t ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100",
              )}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      <div className="flex-1 overflow-y-auto px-4 py-4">
        {nodeProblems.length > 0 ? (
          <div
            className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200"
            role="status"
            data-testid="inspector-problems"
          >
            <p className="font-semibold">Fix before running:</p>
            <ul className="mt-1 list-disc pl-4">
              {nodeProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {tab === "config" ? (
          <fieldset disabled={readOnly} className="space-y-4">
            {!def ? (
              <p className="text-sm text-red-700">
                The node type “{node.data.type}” v{node.data.typeVersion} is not installed. Its configuration is kept as it is.
              </p>
            ) : null}
            {def?.description ? <p className="text-xs text-zinc-500">{def.description}</p> : null}
            {def?.credential ? (
              <CredentialPicker
                ws={ws}
                type={def.credential}
                value={node.data.credential}
                onChange={(credential) => store.updateNodeData(node.id, { credential })}
              />
            ) : null}
            {fields.length === 0 && def ? <p className="text-sm text-zinc-500">This node has nothing to configure.</p> : null}
            {fields.map((field) => (
              <FieldWidget
                key={field.key}
                field={field}
                value={field.key === "" ? config : config[field.key]}
                env={env}
                problems={fieldProblems("config", field.key)}
                onChange={(v) => {
                  if (field.key === "") {
                    store.updateNodeData(node.id, { config: v && typeof v === "object" ? (v as Record<string, unknown>) : {} }, "config");
                    return;
                  }
                  const next = { ...config, [field.key]: v };
                  if (v === undefined) delete next[field.key];
                  store.updateNodeData(node.id, { config: next }, `config.${field.key}`);
                }}
              />
            ))}
            <div className="space-y-1 border-t border-zinc-100 pt-4">
              <label htmlFor="node-id" className="text-[13px] font-medium text-zinc-800">
                Node id
              </label>
              <input
                id="node-id"
                className={cx(inputClass, "font-mono")}
                value={idDraft}
                onChange={(e) => setIdDraft(e.target.value)}
                onKeyDown={(e) => e.stopPropagation()}
                onBlur={() => {
                  if (NODE_ID_PATTERN.test(idDraft) && !graph.nodes.some((n) => n.id === idDraft)) store.renameNode(node.id, idDraft);
                  else setIdDraft(node.id);
                }}
              />
              <p className="text-xs text-zinc-500">
                Expressions of later nodes read this node as {`{{ nodes.${node.id}.output }}`}. Renaming does not rewrite them.
              </p>
            </div>
            <div className="space-y-1">
              <label htmlFor="node-notes" className="text-[13px] font-medium text-zinc-800">
                Notes
              </label>
              <textarea
                id="node-notes"
                rows={2}
                className={inputClass}
                value={node.data.notes ?? ""}
                onKeyDown={(e) => e.stopPropagation()}
                onChange={(e) => store.updateNodeData(node.id, { notes: e.target.value || undefined }, "notes")}
              />
            </div>
          </fieldset>
        ) : null}
        {tab === "settings" ? (
          <fieldset disabled={readOnly}>
            <SettingsForm
              settings={node.data.settings}
              defaults={def?.defaults}
              env={env}
              problems={(f) => fieldProblems("settings", f)}
              onChange={(settings) => store.updateNodeData(node.id, { settings }, "settings")}
            />
          </fieldset>
        ) : null}
        {tab === "test" ? (
          <TestPanel
            nodeId={node.id}
            test={test}
            sampleOutput={sample.outputs[node.id]}
            onTest={onTest}
            onPin={onPin}
            readOnly={readOnly}
          />
        ) : null}
      </div>
      {tab !== "test" && !readOnly ? (
        <footer className="border-t border-zinc-100 px-4 py-2.5">
          <button
            type="button"
            onClick={() => {
              setTab("test");
              onTest(node.id);
            }}
            className="inline-flex h-8 w-full items-center justify-center gap-1.5 rounded-md bg-zinc-900 text-sm font-medium text-white hover:bg-zinc-800"
          >
            <NodeIcon name="flask" size={15} /> Test this node
          </button>
        </footer>
      ) : null}
    </aside>
  );
}
