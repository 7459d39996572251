/**
 * Helpers for the run API tests: flow documents, flows and credentials seeded through the
 * real services, and a reader of Server-Sent Events responses.
 */
import type { FlowDocument, FlowNode } from "@/lib/engine/flow-document";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";

let x = 0;
export function node(id: string, type: string, config: Record<string, unknown> = {}, extra: Partial<FlowNode> = {}): FlowNode {
  x += 200;
  return { id, type, typeVersion: 1, position: { x, y: 0 }, config, ...extra };
}

/** A chain: each node feeds the next through `out` -> `in`. */
export function chain(name: string, nodes: FlowNode[], extra: Partial<FlowDocument> = {}): FlowDocument {
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, sourcePort: "out", target: n.id, targetPort: "in" }));
  return { schema: "switchyard.flow/v1", name, nodes, edges, ...extra };
}

export async function createFlow(db: Db, workspaceId: string, document: FlowDocument): Promise<string> {
  const flow = await db.flow.create({
    data: { workspaceId, name: document.name, draft: JSON.parse(JSON.stringify(document)) as Prisma.InputJsonValue },
  });
  return flow.id;
}

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads SSE messages from a response until `until` is satisfied or the stream ends. */
export async function readSse(res: Response, until: (messages: SseMessage[]) => boolean = () => false): Promise<SseMessage[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const messages: SseMessage[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let idx: number;
    while ((idx = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const msg: SseMessage = {};
      for (const line of block.split("\n")) {
        const colon = line.indexOf(": ");
        const field = colon >= 0 ? line.slice(0, colon) : line;
        const value = colon >= 0 ? line.slice(colon + 2) : "";
        if (field === "id" || field === "event" || field === "data") msg[field] = value;
      }
      if (msg.data !== undefined || msg.event !== undefined) messages.push(msg);
    }
    if (until(messages)) {
      await reader.cancel();
      break;
    }
  }
  return messages;
}
