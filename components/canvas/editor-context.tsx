"use client";

import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { NodeCatalog } from "@/lib/editor/catalog";
import type { EditorState, EditorStore } from "@/lib/editor/editor-store";
import type { NodeDecoration, NodeStatusStore } from "@/lib/editor/node-status-store";

/** What every canvas and inspector component reads: the catalog, the editor store and the per-node status store. */
export interface EditorContextValue {
  catalog: NodeCatalog;
  store: EditorStore;
  status: NodeStatusStore;
  readOnly: boolean;
}

const EditorContext = createContext<EditorContextValue | null>(null);
export const EditorContextProvider = EditorContext.Provider;

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditorContext outside the flow editor");
  return value;
}

export function useEditorState<T>(select: (state: EditorState) => T): T {
  const { store } = useEditorContext();
  return useStoreState(store, select);
}

/** Reads the editor store directly; for the component that owns the store and renders the provider. */
export function useStoreState<T>(store: EditorStore, select: (state: EditorState) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}

/** One node's run status and problems; re-renders only when that node's decoration changes. */
export function useNodeDecoration(nodeId: string): NodeDecoration | undefined {
  const { status } = useEditorContext();
  const subscribe = useCallback((cb: () => void) => status.subscribe(nodeId, cb), [status, nodeId]);
  const get = useCallback(() => status.get(nodeId), [status, nodeId]);
  return useSyncExternalStore(subscribe, get, get);
}
