import type { FlowLoader } from "@/lib/engine/engine-api";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { Db } from "@/lib/server/db/client";
import { readStoredDocument } from "@/lib/server/flows/flow-dto";

/**
 * Sub-flows (`ctx.runFlow`): a flow of the same workspace, by id (or, failing that, by exact
 * name), at its latest saved version, or its draft when it has never been saved as a version.
 * A flow of another workspace is never found.
 */
export function createFlowLoader(
  db: Db,
  prepare: (workspaceId: string, document: FlowDocument) => Promise<FlowDocument> = (_w, d) => Promise.resolve(d),
): FlowLoader {
  return {
    async load(flowRef, scope) {
      const found = await find(flowRef, scope);
      return found && scope.workspaceId ? { ...found, document: await prepare(scope.workspaceId, found.document) } : found;
    },
  };

  async function find(flowRef: string, scope: { workspaceId?: string }) {
    if (!scope.workspaceId) return null;
    const flow =
      (await db.flow.findFirst({ where: { id: flowRef, workspaceId: scope.workspaceId } })) ??
      (await db.flow.findFirst({ where: { name: flowRef, workspaceId: scope.workspaceId }, orderBy: { updatedAt: "desc" } }));
    if (!flow) return null;
    if (flow.latestVersion > 0) {
      const version = await db.flowVersion.findUnique({ where: { flowId_version: { flowId: flow.id, version: flow.latestVersion } } });
      if (version)
        return {
          document: readStoredDocument(version.document, `flow ${flow.id} v${version.version}`),
          flowId: flow.id,
          version: version.version,
        };
    }
    return { document: readStoredDocument(flow.draft, `flow ${flow.id}`), flowId: flow.id };
  }
}
