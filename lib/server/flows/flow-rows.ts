import type { Flow, Prisma } from "@/lib/server/db/generated/sqlite/client";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { nodeCountOf, readStoredDocument, type FlowDetail, type FlowSummary, type UserRef } from "./flow-dto";

export function toSummary(flow: Flow, users: Map<string, UserRef>): FlowSummary {
  return {
    id: flow.id,
    workspaceId: flow.workspaceId,
    name: flow.name,
    description: flow.description,
    nodeCount: nodeCountOf(flow.draft),
    draftRevision: flow.draftRevision,
    draftUpdatedAt: flow.draftUpdatedAt.toISOString(),
    draftUpdatedBy: flow.draftUpdatedById ? (users.get(flow.draftUpdatedById) ?? null) : null,
    latestVersion: flow.latestVersion,
    createdAt: flow.createdAt.toISOString(),
    updatedAt: flow.updatedAt.toISOString(),
  };
}

export function toDetail(flow: Flow, users: Map<string, UserRef>): FlowDetail {
  return { ...toSummary(flow, users), draft: readStoredDocument(flow.draft, `flow ${flow.id}`) };
}

/** A validated document as a JSON column value. */
export function documentJson(document: FlowDocument): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(document)) as Prisma.InputJsonValue;
}

export function emptyDocument(name: string, description?: string): FlowDocument {
  return { schema: "switchyard.flow/v1", name, ...(description ? { description } : {}), nodes: [], edges: [] };
}
