"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { EngineEvent } from "@/lib/engine/engine-api";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import {
  ApiError,
  cancelRun,
  getFlow,
  getRun,
  listRuns,
  listVariableNames,
  restoreVersion,
  retryRun,
  runEventsUrl,
  saveDraft,
  startRun,
  testNode,
} from "@/lib/editor/api";
import type { FlowDetail, RunDetail, StepView, VersionSummary } from "@/lib/editor/api-schemas";
import { layoutPositions } from "@/lib/editor/auto-layout";
import { createAutosave, type Autosave, type SaveStatus } from "@/lib/editor/autosave";
import type { NodeCatalog } from "@/lib/editor/catalog";
import { copySelection, pasteText } from "@/lib/editor/clipboard";
import { upstreamOf } from "@/lib/editor/connection-rules";
import { createEditorStore } from "@/lib/editor/editor-store";
import { isFlowNode, type CanvasEdge, type CanvasNode } from "@/lib/editor/graph-types";
import { createNodeStatusStore } from "@/lib/editor/node-status-store";
import { readPinned, writePinned, type PinnedData } from "@/lib/editor/pin-data";
import { followRunEvents } from "@/lib/editor/run-events-client";
import { applyRunEvents, emptyRunView, type RunView } from "@/lib/editor/run-view";
import { collectProblems, type EditorProblems } from "@/lib/editor/validation";
import type { SampleData } from "@/components/inspector/expression-env";
import { Inspector } from "@/components/inspector/inspector";
import { FlowSettingsPanel } from "@/components/inspector/flow-settings-panel";
import { RunForm } from "@/components/run/run-form";
import { RunPanel } from "@/components/run/run-panel";
import { EditorContextProvider, useStoreState, type EditorContextValue } from "./editor-context";
import { EditorToolbar } from "./editor-toolbar";
import { fitAll } from "./fit-all";
import { FlowCanvas } from "./flow-canvas";
import { Palette } from "./palette";
import { ShortcutSheet } from "./shortcut-sheet";
import { isMac, useClipboard, useEditorShortcuts } from "./use-editor-shortcuts";
import { SaveVersionDialog, VersionsDialog } from "./versions-dialog";

/**
 * The flow editor: palette, canvas, inspector, saving, testing and running. The graph lives in
 * an external store (undo history included); run events reach the nodes through the per-node
 * status store, one batch per animation frame.
 */

export interface FlowEditorProps {
  ws: string;
  flowId: string;
  catalog: NodeCatalog;
  readOnly?: boolean;
}

const EMPTY_PROBLEMS: EditorProblems = { byNode: new Map(), byField: new Map(), flow: [] };

export function FlowEditor(props: FlowEditorProps) {
  const [flow, setFlow] = useState<FlowDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    getFlow(props.ws, props.flowId)
      .then(setFlow)
      .catch((e: unknown) => setLoadError(e instanceof Error ? e.message : "The flow could not be loaded."));
  }, [props.ws, props.flowId]);
  if (loadError)
    return (
      <div className="flex h-full items-center justify-center p-8">
        <div className="max-w-md rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-zinc-200" role="alert">
          <p className="font-semibold text-zinc-900">This flow could not be opened</p>
          <p className="mt-1 text-sm text-zinc-600">{loadError}</p>
        </div>
      </div>
    );
  if (!flow)
    return (
      <div className="flex h-full items-center justify-center text-sm text-zinc-500" aria-busy="true">
        Loading the flow…
      </div>
    );
  return (
    <ReactFlowProvider>
      <LoadedEditor {...props} flow={flow} />
    </ReactFlowProvider>
  );
}

interface TestState {
  result?: StepView;
  error?: string;
  running: boolean;
  /** When the result arrived (ms): a run started later has newer data for the node. */
  at?: number;
}

function LoadedEditor({ ws, flowId, catalog, readOnly = false, flow }: FlowEditorProps & { flow: FlowDetail }) {
  const store = useMemo(() => createEditorStore(catalog, flow.draft), [catalog, flow.draft]);
  const status = useMemo(() => createNodeStatusStore(), []);
  const context = useMemo<EditorContextValue>(() => ({ catalog, store, status, readOnly }), [catalog, store, status, readOnly]);
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  const fitView = useCallback(
    (duration?: number) => fitAll(rf, document.querySelector<HTMLElement>("[data-testid=flow-canvas]"), { duration }),
    [rf],
  );
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ kind: "saved", at: flow.draftUpdatedAt, revision: flow.draftRevision });
  const [latestVersion, setLatestVersion] = useState(flow.latestVersion);
  const [problems, setProblems] = useState<EditorProblems>(EMPTY_PROBLEMS);
  const [toast, setToast] = useState<{ text: string; tone: "info" | "error" } | null>(null);
  const [dialog, setDialog] = useState<null | "shortcuts" | "versions" | "save-version" | "run" | "dry-run">(null);
  const [runView, setRunView] = useState<RunView | null>(null);
  const [runDryRun, setRunDryRun] = useState(false);
  const [starting, setStarting] = useState(false);
  const [lastRun, setLastRun] = useState<RunDetail | null>(null);
  const [pinned, setPinned] = useState<PinnedData>({});
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [variables, setVariables] = useState<string[]>([]);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const stopEvents = useRef<(() => void) | null>(null);
  const runViewRef = useRef<RunView | null>(null);

  const notify = useCallback((text: string, tone: "info" | "error" = "info") => setToast({ text, tone }), []);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), toast.tone === "error" ? 6000 : 3000);
    return () => clearTimeout(t);
  }, [toast]);

  // Saving: every document change schedules a debounced PUT with the last known revision.
  const autosave = useMemo<Autosave>(
    () =>
      createAutosave(flow.draftRevision, {
        getDocument: () => store.document(),
        save: (doc, rev, message) => saveDraft(ws, flowId, doc, rev, message),
        onStatus: setSaveStatus,
        onSaved: (f) => setLatestVersion(f.latestVersion),
      }),
    [flow.draftRevision, store, ws, flowId],
  );
  useEffect(() => () => autosave.dispose(), [autosave]);
  const docVersion = useSyncExternalStore(
    store.subscribe,
    () => store.getState().docVersion,
    () => 0,
  );
  const firstVersion = useRef(docVersion);
  useEffect(() => {
    if (docVersion !== firstVersion.current && !readOnly) autosave.schedule();
  }, [docVersion, autosave, readOnly]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (autosave.dirty) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [autosave]);

  // Validation with the engine's rules, shortly after each change, shown on nodes and fields.
  useEffect(() => {
    const t = setTimeout(() => {
      const found = collectProblems(store.document(), catalog.registry);
      setProblems(found);
      status.setProblems(found.byNode);
    }, 250);
    return () => clearTimeout(t);
  }, [docVersion, store, catalog, status]);

  // Data for previews and tests: the latest run of this flow, pinned samples, workspace variables.
  useEffect(() => {
    setPinned(readPinned(flowId));
    listVariableNames(ws)
      .then(setVariables)
      .catch(() => undefined);
    listRuns(ws, flowId, { limit: 1 })
      .then(async (runs) => {
        const latest = runs[0];
        if (latest) setLastRun(await getRun(ws, latest.id));
      })
      .catch(() => undefined);
  }, [ws, flowId]);

  const sample = useMemo<SampleData>(() => {
    const outputs: Record<string, unknown> = {};
    for (const s of lastRun?.steps ?? []) if (s.mapIndex == null && s.output !== undefined) outputs[s.nodeId] = s.output;
    // The newer of a node's test result and its output in the latest run wins.
    for (const [id, t] of Object.entries(tests)) {
      if (t.result?.output === undefined) continue;
      if (id in outputs && lastRun && (t.at ?? 0) < lastRun.createdAt) continue;
      outputs[id] = t.result.output;
    }
    Object.assign(outputs, pinned);
    return {
      params: lastRun?.params ?? {},
      outputs,
      run: lastRun
        ? {
            id: lastRun.id,
            flowName: flow.name,
            version: lastRun.flowVersion ?? undefined,
            attempt: lastRun.attempt,
            dryRun: lastRun.dryRun,
          }
        : undefined,
      present: Boolean(lastRun) || Object.keys(outputs).length > 0,
    };
  }, [lastRun, tests, pinned, flow.name]);

  // Live runs: SSE events -> one batch per frame -> run view -> only the touched nodes re-render.
  const follow = useCallback(
    (runId: string) => {
      stopEvents.current?.();
      status.clearRun();
      const initial = emptyRunView(runId);
      runViewRef.current = initial;
      setRunView(initial);
      const refresh = () =>
        getRun(ws, runId)
          .then(setLastRun)
          .catch(() => undefined);
      stopEvents.current = followRunEvents(runEventsUrl(ws, runId), {
        onEvents: (events: EngineEvent[]) => {
          const current = runViewRef.current ?? initial;
          const { view, changed } = applyRunEvents(current, events);
          if (view === current) return;
          runViewRef.current = view;
          status.setRun(view.nodes, changed);
          setRunView(view);
          if (events.some((e) => e.type === "artifact" || (e.type === "step.state" && e.state !== "running"))) void refresh();
        },
        onEnd: () => void refresh(),
        onError: (m) => notify(m, "error"),
      });
    },
    [ws, status, notify],
  );
  useEffect(() => () => stopEvents.current?.(), []);

  const launch = useCallback(
    async (parameters: Record<string, unknown>, dryRun: boolean) => {
      setStarting(true);
      try {
        if (!(await autosave.flush())) {
          notify("Save the flow first: the run uses the saved draft.", "error");
          return;
        }
        const runId = await startRun(ws, flowId, parameters, dryRun);
        setRunDryRun(dryRun);
        setDialog(null);
        follow(runId);
      } catch (e) {
        notify(e instanceof ApiError ? e.message : "The run could not be started.", "error");
      } finally {
        setStarting(false);
      }
    },
    [autosave, ws, flowId, follow, notify],
  );

  const requestRun = useCallback(
    (dryRun: boolean) => {
      if (readOnly) return;
      if (problems.byNode.size > 0 || problems.flow.length > 0) {
        notify("Fix the problems marked on the nodes before running.", "error");
        return;
      }
      const params = store.getState().graph.meta.parameters;
      if (params && Object.keys(params).length > 0) setDialog(dryRun ? "dry-run" : "run");
      else void launch({}, dryRun);
    },
    [readOnly, problems, store, launch, notify],
  );

  const onTest = useCallback(
    async (nodeId: string) => {
      setTests((t) => ({ ...t, [nodeId]: { ...t[nodeId], running: true, error: undefined } }));
      try {
        if (!(await autosave.flush())) throw new Error("The draft could not be saved; the test uses the saved draft.");
        const graph = store.getState().graph;
        const sources = graph.edges.filter((e) => e.target === nodeId).map((e) => e.source);
        // Sample data of the nodes before this one: pinned first, then test results, then the latest run.
        const upstream = Object.fromEntries(
          upstreamOf(graph.edges, nodeId).flatMap((id) => (id in sample.outputs ? [[id, sample.outputs[id]]] : [])),
        );
        const known = sources.filter((s) => s in upstream);
        const input =
          known.length === 0
            ? undefined
            : sources.length === 1
              ? upstream[sources[0]!]
              : Object.fromEntries(known.map((s) => [s, upstream[s]]));
        const result = await testNode(ws, flowId, nodeId, {
          ...(input !== undefined ? { input } : {}),
          ...(Object.keys(upstream).length ? { upstream } : {}),
          ...(Object.keys(sample.params).length ? { params: sample.params } : {}),
        });
        setTests((t) => ({ ...t, [nodeId]: { result, running: false, at: Date.now() } }));
        status.setRun(new Map([[nodeId, { state: result.state, ...(result.error ? { error: result.error.message } : {}) }]]));
      } catch (e) {
        setTests((t) => ({ ...t, [nodeId]: { ...t[nodeId], running: false, error: e instanceof Error ? e.message : "The test failed." } }));
      }
    },
    [autosave, store, sample, ws, flowId, status],
  );
  const onPin = useCallback(
    (nodeId: string, value: unknown) => {
      setPinned(writePinned(flowId, nodeId, value));
      notify(value === undefined ? "Unpinned." : `Pinned ${nodeId}'s output as sample data.`);
    },
    [flowId, notify],
  );

  const addAt = useCallback(
    (def: AnyNodeDefinition) => {
      // Click-to-add places the node right of the last one, or in the middle of the view.
      const nodes = store.getState().graph.nodes.filter(isFlowNode);
      const last = nodes.at(-1);
      const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
      const center = pane ? rf.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
      const at = last ? { x: last.position.x + 280, y: last.position.y } : { x: Math.round(center.x - 110), y: Math.round(center.y - 36) };
      store.addNode(def, at);
    },
    [store, rf],
  );
  const autoLayout = useCallback(async () => {
    const { nodes, edges } = store.getState().graph;
    store.setPositions(await layoutPositions(nodes, edges));
    requestAnimationFrame(() => fitView(300));
  }, [store, rf]);
  const selectedIds = () =>
    new Set(
      store
        .getState()
        .graph.nodes.filter((n) => n.selected)
        .map((n) => n.id),
    );
  const paste = useCallback(
    (text: string) => {
      const result = pasteText(text, store.getState().graph.nodes, pointer.current ?? undefined);
      if (!result.ok) return notify(result.reason, "error");
      store.insert(result.nodes, result.edges);
      notify(`Pasted ${result.nodes.length} node(s).`);
    },
    [store, notify],
  );

  useEditorShortcuts(
    {
      undo: store.undo,
      redo: store.redo,
      deleteSelection: () => void (!readOnly && store.deleteSelection()),
      selectAll: () => store.selectOnly(store.getState().graph.nodes.map((n) => n.id)),
      duplicate: () => {
        const text = copySelection(store.getState().graph, selectedIds());
        if (text && !readOnly) {
          const result = pasteText(text, store.getState().graph.nodes);
          if (result.ok) store.insert(result.nodes, result.edges);
        }
      },
      save: () => void autosave.flush().then((ok) => ok && notify("Saved.")),
      run: () => requestRun(false),
      layout: () => void autoLayout(),
      fit: () => fitView(300),
      note: () => store.addNote(pointer.current ?? { x: 0, y: 0 }),
      group: () => {
        if (!store.groupSelection()) notify("Select the nodes to group first.");
      },
      help: () => setDialog("shortcuts"),
      escape: () => {
        setDialog(null);
        store.selectOnly([]);
      },
    },
    dialog === null,
  );
  useClipboard(
    {
      copy: () => copySelection(store.getState().graph, selectedIds()),
      cut: () => {
        const text = copySelection(store.getState().graph, selectedIds());
        if (text && !readOnly) store.deleteSelection();
        return text;
      },
      paste: (text) => !readOnly && paste(text),
    },
    dialog === null,
  );

  const restore = useCallback(
    async (v: VersionSummary) => {
      try {
        await autosave.flush();
        const restored = await restoreVersion(ws, flowId, v.version, autosave.revision);
        autosave.reset(restored.draftRevision);
        store.load(restored.draft);
        firstVersion.current = store.getState().docVersion;
        setSaveStatus({ kind: "saved", at: restored.draftUpdatedAt, revision: restored.draftRevision });
        setDialog(null);
        notify(`Restored version ${v.version}.`);
        requestAnimationFrame(() => fitView());
      } catch (e) {
        notify(e instanceof Error ? e.message : "The version could not be restored.", "error");
      }
    },
    [autosave, ws, flowId, store, notify, rf],
  );
  const reloadTheirs = useCallback(async () => {
    const fresh = await getFlow(ws, flowId);
    autosave.reset(fresh.draftRevision);
    store.load(fresh.draft);
    firstVersion.current = store.getState().docVersion;
    setSaveStatus({ kind: "saved", at: fresh.draftUpdatedAt, revision: fresh.draftRevision });
    notify("Loaded the latest saved draft.");
  }, [ws, flowId, autosave, store, notify]);

  const selectedNodeId = useStoreState(store, (s) => {
    let found: string | null = null;
    for (const n of s.graph.nodes) {
      if (!n.selected) continue;
      if (found !== null || !isFlowNode(n)) return null;
      found = n.id;
    }
    return found;
  });
  const parameters = useStoreState(store, (s) => s.graph.meta.parameters);
  const runHref = runView?.runId ? `/w/${encodeURIComponent(ws)}/runs/${encodeURIComponent(runView.runId)}` : "#";

  return (
    <EditorContextProvider value={context}>
      <div className="flex h-full min-h-0 flex-col bg-zinc-50">
        <EditorToolbar
          ws={ws}
          flowId={flowId}
          saveStatus={saveStatus}
          latestVersion={latestVersion}
          problemCount={problems.byNode.size + problems.flow.length}
          onUndo={store.undo}
          onRedo={store.redo}
          onLayout={() => void autoLayout()}
          onFit={() => fitView(300)}
          onNote={() => {
            const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
            store.addNote(pane ? rf.screenToFlowPosition({ x: pane.left + 80, y: pane.top + 80 }) : { x: 0, y: 0 });
          }}
          onGroup={() => !store.groupSelection() && notify("Select the nodes to group first.")}
          onShortcuts={() => setDialog("shortcuts")}
          onVersions={() => setDialog("versions")}
          onSaveVersion={() => setDialog("save-version")}
          onRun={() => requestRun(false)}
          onDryRun={() => requestRun(true)}
          starting={starting}
          onReload={() => void reloadTheirs()}
          onOverwrite={() => void autosave.overwrite().then((ok) => ok && notify("Your version of the draft is saved."))}
          onRetrySave={() => void autosave.flush()}
        />
        <div className="flex min-h-0 flex-1">
          {readOnly ? null : <Palette onAdd={addAt} />}
          <main className="relative min-w-0 flex-1">
            <FlowCanvas
              onPointer={(at) => (pointer.current = at)}
              onMessage={notify}
              onAddTrigger={() => {
                const trigger =
                  catalog.entries.find((d) => d.type === "core.trigger.manual") ?? catalog.entries.find((d) => d.category === "trigger");
                if (trigger) store.addNode(trigger, { x: 0, y: 0 });
              }}
            />
            {toast ? (
              <div
                role={toast.tone === "error" ? "alert" : "status"}
                className={`absolute top-3 left-1/2 z-20 -translate-x-1/2 rounded-lg px-3 py-2 text-sm shadow-lg ring-1 ${toast.tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-zinc-900 text-white ring-zinc-900"}`}
              >
                {toast.text}
              </div>
            ) : null}
          </main>
          {selectedNodeId ? (
            <Inspector
              ws={ws}
              nodeId={selectedNodeId}
              problems={problems}
              sample={sample}
              variables={variables}
              test={{ ...(tests[selectedNodeId] ?? { running: false }), pinned: pinned[selectedNodeId], hasPin: selectedNodeId in pinned }}
              onTest={(id) => void onTest(id)}
              onPin={onPin}
              onClose={() => store.selectOnly([])}
            />
          ) : (
            <FlowSettingsPanel problems={problems.flow} />
          )}
        </div>
        {runView ? (
          <RunPanel
            view={runView}
            dryRun={runDryRun}
            runHref={runHref}
            onCancel={() =>
              runView.runId &&
              void cancelRun(ws, runView.runId).catch((e: unknown) => notify(e instanceof Error ? e.message : "Cancel failed", "error"))
            }
            onRetry={() =>
              runView.runId &&
              void retryRun(ws, runView.runId)
                .then(follow)
                .catch((e: unknown) => notify(e instanceof Error ? e.message : "Retry failed", "error"))
            }
            onClose={() => {
              stopEvents.current?.();
              setRunView(null);
              status.clearRun();
            }}
          />
        ) : null}
      </div>
      {dialog === "shortcuts" ? <ShortcutSheet mac={isMac()} onClose={() => setDialog(null)} /> : null}
      {dialog === "versions" ? (
        <VersionsDialog ws={ws} flowId={flowId} readOnly={readOnly} onRestore={restore} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === "save-version" ? (
        <SaveVersionDialog
          onClose={() => setDialog(null)}
          onSave={async (message) => {
            const ok = await autosave.flush(message);
            if (!ok) return false;
            notify("Version saved.");
            return true;
          }}
        />
      ) : null}
      {(dialog === "run" || dialog === "dry-run") && parameters ? (
        <RunForm
          parameters={parameters}
          last={lastRun?.params}
          dryRun={dialog === "dry-run"}
          busy={starting}
          onClose={() => setDialog(null)}
          onSubmit={(p) => void launch(p, dialog === "dry-run")}
        />
      ) : null}
    </EditorContextProvider>
  );
}
