import type { Db } from "@/lib/server/db/client";

/**
 * Which flows of a workspace use which credentials: a node's `credential`, or a flow's
 * `onFailure` / `onCompletion` notification. Both the draft and the latest saved version are
 * read, since runs execute saved versions while people edit drafts.
 */

export interface FlowRef {
  id: string;
  name: string;
}

export function credentialIdsOf(document: unknown): Set<string> {
  const ids = new Set<string>();
  if (typeof document !== "object" || document === null) return ids;
  const doc = document as { nodes?: unknown; settings?: { onFailure?: unknown; onCompletion?: unknown } };
  if (Array.isArray(doc.nodes)) {
    for (const node of doc.nodes as { credential?: unknown }[]) if (typeof node?.credential === "string") ids.add(node.credential);
  }
  for (const hooks of [doc.settings?.onFailure, doc.settings?.onCompletion]) {
    if (!Array.isArray(hooks)) continue;
    for (const hook of hooks as { notify?: unknown }[]) if (typeof hook?.notify === "string") ids.add(hook.notify);
  }
  return ids;
}

/** Credential id -> the flows that use it, for one workspace. */
export async function credentialUsage(db: Db, workspaceId: string): Promise<Map<string, FlowRef[]>> {
  const flows = await db.flow.findMany({
    where: { workspaceId },
    select: { id: true, name: true, draft: true, latestVersion: true },
    orderBy: { name: "asc" },
  });
  const versioned = flows.filter((f) => f.latestVersion > 0);
  const versions = versioned.length
    ? await db.flowVersion.findMany({
        where: { OR: versioned.map((f) => ({ flowId: f.id, version: f.latestVersion })) },
        select: { flowId: true, document: true },
      })
    : [];
  const latestDoc = new Map(versions.map((v) => [v.flowId, v.document]));
  const usage = new Map<string, FlowRef[]>();
  for (const flow of flows) {
    const ids = credentialIdsOf(flow.draft);
    for (const id of credentialIdsOf(latestDoc.get(flow.id))) ids.add(id);
    for (const id of ids) {
      let list = usage.get(id);
      if (!list) usage.set(id, (list = []));
      list.push({ id: flow.id, name: flow.name });
    }
  }
  return usage;
}
