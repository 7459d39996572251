"use client";

import { defaultCatalog } from "@/lib/editor/default-catalog";
import { FlowEditor } from "@/components/canvas/flow-editor";

/** The catalog holds zod schemas and functions, so it is created in the browser, not passed from the server. */
export function FlowEditorClient({ ws, flowId, readOnly }: { ws: string; flowId: string; readOnly: boolean }) {
  return <FlowEditor ws={ws} flowId={flowId} catalog={defaultCatalog} readOnly={readOnly} />;
}
