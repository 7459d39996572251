import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { FlowDocument } from "@/lib/engine/flow-document";
import { credentialRateKey } from "@/lib/server/credentials/credential-resolver";
import type { Db } from "@/lib/server/db/client";

/**
 * Each credential type declares its vendor's documented rate (Notion about 3 requests/s,
 * Loops 10/s, …). It must hold for the credential across every flow and run that uses it, so
 * before a document runs, every node that uses such a credential gets the rate limit
 * `{ key: "credential:<id>", perSecond }` in its settings; the engine spaces every step
 * attempt (and every mapped element) under that key through the shared limit backend. A rate
 * limit the flow's author set on the node explicitly is kept as it is.
 */
export async function withCredentialRateLimits(
  db: Db,
  workspaceId: string,
  document: FlowDocument,
  definitionOf: (type: string) => CredentialDefinition | undefined,
): Promise<FlowDocument> {
  const ids = [...new Set(document.nodes.filter((n) => n.credential && !n.settings?.rateLimit).map((n) => n.credential!))];
  if (ids.length === 0) return document;
  const rows = await db.credential.findMany({ where: { id: { in: ids }, workspaceId }, select: { id: true, type: true } });
  const perSecondOf = new Map<string, number>();
  for (const row of rows) {
    const perSecond = definitionOf(row.type)?.rateLimit?.perSecond;
    if (perSecond) perSecondOf.set(row.id, perSecond);
  }
  if (perSecondOf.size === 0) return document;
  return {
    ...document,
    nodes: document.nodes.map((n) => {
      const perSecond = n.credential && !n.settings?.rateLimit ? perSecondOf.get(n.credential) : undefined;
      return perSecond ? { ...n, settings: { ...n.settings, rateLimit: { key: credentialRateKey(n.credential!), perSecond } } } : n;
    }),
  };
}
