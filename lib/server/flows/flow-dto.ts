import { flowDocumentSchema, type FlowDocument } from "@/lib/engine/flow-document";

export interface UserRef {
  id: string;
  name: string | null;
  email: string;
}

export interface FlowSummary {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  nodeCount: number;
  draftRevision: number;
  draftUpdatedAt: string;
  draftUpdatedBy: UserRef | null;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface FlowDetail extends FlowSummary {
  draft: FlowDocument;
}

export interface FlowVersionSummary {
  version: number;
  message: string | null;
  author: UserRef | null;
  createdAt: string;
}

export interface FlowVersionDetail extends FlowVersionSummary {
  flowId: string;
  document: FlowDocument;
}

/** Documents are re-validated when read back: the database is a boundary too. */
export function readStoredDocument(value: unknown, where: string): FlowDocument {
  const parsed = flowDocumentSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(`stored flow document of ${where} does not match the flow schema: ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}

export function nodeCountOf(value: unknown): number {
  const nodes = (value as { nodes?: unknown } | null)?.nodes;
  return Array.isArray(nodes) ? nodes.length : 0;
}
