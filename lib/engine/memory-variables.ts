import type { VariableStore } from "./engine-api";

/** Workspace variables in process memory (the CLI's and the tests' store). */
export function createMemoryVariableStore(initial: Record<string, unknown> = {}): VariableStore {
  const spaces = new Map<string, Map<string, unknown>>();
  const space = (workspaceId: string | undefined): Map<string, unknown> => {
    const key = workspaceId ?? "";
    let s = spaces.get(key);
    if (!s) spaces.set(key, (s = new Map(key === "" ? Object.entries(initial) : [])));
    return s;
  };
  return {
    get: (name, scope) => Promise.resolve(space(scope.workspaceId).get(name)),
    set: (name, value, scope) => {
      space(scope.workspaceId).set(name, value);
      return Promise.resolve();
    },
    all: (scope) => Promise.resolve(Object.fromEntries(space(scope.workspaceId))),
  };
}
