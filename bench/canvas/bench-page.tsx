import { ReactFlowProvider, useNodesInitialized } from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { createRoot } from "react-dom/client";
import { createCatalog } from "@/lib/editor/catalog";
import { createEditorStore } from "@/lib/editor/editor-store";
import { createNodeStatusStore } from "@/lib/editor/node-status-store";
import { coreNodes } from "@/lib/nodes";
import { EditorContextProvider } from "@/components/canvas/editor-context";
import { FlowCanvas } from "@/components/canvas/flow-canvas";
import { generateFlow } from "./generate-flow";

/**
 * The benchmark page: the editor's real canvas (same node components, same store) rendering a
 * generated flow, with no server. `?n=1000` picks the size. It reports "interactive" once
 * React Flow has measured every rendered node and the next frame has painted.
 */

declare global {
  interface Window {
    __bench?: { interactiveAt?: number; nodes: number };
  }
}

const catalog = createCatalog(coreNodes);
const count = Number(new URLSearchParams(location.search).get("n") ?? "100");
const edgeLayerParam = new URLSearchParams(location.search).get("edgeLayerFrom");
/** `?edgeLayerFrom=N`: from how many edges the canvas draws them itself (default: the canvas's own threshold). */
const edgeLayerFrom = edgeLayerParam === null ? undefined : Number(edgeLayerParam);
window.__bench = { nodes: count };

function Ready() {
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!initialized || window.__bench?.interactiveAt !== undefined) return;
    requestAnimationFrame(() => requestAnimationFrame(() => window.__bench && (window.__bench.interactiveAt = performance.now())));
  }, [initialized]);
  return null;
}

function App() {
  const store = useMemo(() => createEditorStore(catalog, generateFlow(count)), []);
  const status = useMemo(() => createNodeStatusStore(), []);
  const ctx = useMemo(() => ({ catalog, store, status, readOnly: false }), [store, status]);
  return (
    <ReactFlowProvider>
      <EditorContextProvider value={ctx}>
        <div style={{ position: "fixed", inset: 0 }}>
          <FlowCanvas onMessage={() => undefined} onAddTrigger={() => undefined} edgeLayerFrom={edgeLayerFrom} />
        </div>
        <Ready />
      </EditorContextProvider>
    </ReactFlowProvider>
  );
}

createRoot(document.getElementById("root")!).render(<App />);
