/**
 * Pinned sample data: a node's output kept as test input for the nodes after it. The flow
 * document has no field for it, so it is stored in this browser's localStorage, per flow and
 * node (see docs/decisions/0601-pinned-data-in-local-storage.md).
 */

const key = (flowId: string) => `switchyard.pinned.${flowId}`;

export type PinnedData = Record<string, unknown>;

export function readPinned(flowId: string, storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): PinnedData {
  try {
    const raw = storage?.getItem(key(flowId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as PinnedData) : {};
  } catch {
    return {};
  }
}

export function writePinned(
  flowId: string,
  nodeId: string,
  value: unknown,
  storage: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage,
): PinnedData {
  const all = readPinned(flowId, storage);
  if (value === undefined) delete all[nodeId];
  else all[nodeId] = value;
  storage?.setItem(key(flowId), JSON.stringify(all));
  return all;
}
