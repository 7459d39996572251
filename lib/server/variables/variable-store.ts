import type { VariableStore } from "@/lib/engine/engine-api";
import { ValidationError } from "@/lib/engine/errors";
import type { Db } from "@/lib/server/db/client";
import { toJsonColumn, VARIABLE_NAME_PATTERN, variableJson } from "./variable-values";

/**
 * The engine's `vars`: the Variable table of the run's workspace. Without a workspace (the
 * CLI) there are no variables; writes then fail with a clear message.
 */
export function createVariableStore(db: Db): VariableStore {
  const requireWorkspace = (scope: { workspaceId?: string }): string => {
    if (!scope.workspaceId) throw new ValidationError("Variables belong to a workspace; this run has none");
    return scope.workspaceId;
  };
  return {
    async get(name, scope) {
      if (!scope.workspaceId) return undefined;
      const row = await db.variable.findUnique({ where: { workspaceId_name: { workspaceId: scope.workspaceId, name } } });
      return row?.value ?? undefined;
    },
    async set(name, value, scope) {
      const workspaceId = requireWorkspace(scope);
      if (!VARIABLE_NAME_PATTERN.test(name)) throw new ValidationError(`"${name}" is not a valid variable name`, { path: ["name"] });
      const json = toJsonColumn(variableJson(value));
      await db.variable.upsert({
        where: { workspaceId_name: { workspaceId, name } },
        create: { workspaceId, name, value: json },
        update: { value: json },
      });
    },
    async all(scope) {
      if (!scope.workspaceId) return {};
      const rows = await db.variable.findMany({ where: { workspaceId: scope.workspaceId }, take: 10_000 });
      return Object.fromEntries(rows.map((r) => [r.name, r.value]));
    },
  };
}
