import type { AuthzContext } from "@/lib/server/authz/caller";
import { requireMember } from "@/lib/server/authz/require-member";
import { AppError, notFound } from "@/lib/server/http/app-error";
import { ValidationError } from "@/lib/engine/errors";
import { toJsonColumn, VARIABLE_NAME_PATTERN, variableJson } from "./variable-values";

/**
 * Workspace variables (SPEC §1): named JSON values for configuration and lookup tables, read
 * by flows as `vars.<name>`. Editors and above change them; runners read them (they use
 * them through runs); viewers see nothing, like credentials (SPEC §8).
 */

export interface VariableDto {
  name: string;
  value: unknown;
  createdAt: string;
  updatedAt: string;
}

const toDto = (row: { name: string; value: unknown; createdAt: Date; updatedAt: Date }): VariableDto => ({
  name: row.name,
  value: row.value,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function checkVariableName(name: string): string {
  if (!VARIABLE_NAME_PATTERN.test(name)) {
    throw new AppError(
      "validation_failed",
      `Invalid variable name \`${name.slice(0, 100)}\`: use letters, digits and _, starting with a letter or _ (at most 100).`,
      {
        details: { issues: [{ path: "name", message: "must match " + VARIABLE_NAME_PATTERN.source, code: "invalid_format" }] },
      },
    );
  }
  return name;
}

export async function listVariables(ctx: AuthzContext, workspace: string): Promise<VariableDto[]> {
  const access = await requireMember(ctx, workspace, "secret:use");
  const rows = await ctx.db.variable.findMany({ where: { workspaceId: access.workspace.id }, orderBy: { name: "asc" }, take: 10_000 });
  return rows.map(toDto);
}

export async function getVariable(ctx: AuthzContext, workspace: string, name: string): Promise<VariableDto> {
  const access = await requireMember(ctx, workspace, "secret:use");
  const row = VARIABLE_NAME_PATTERN.test(name)
    ? await ctx.db.variable.findUnique({ where: { workspaceId_name: { workspaceId: access.workspace.id, name } } })
    : null;
  if (!row) throw notFound(`Variable "${name.slice(0, 100)}"`);
  return toDto(row);
}

export async function putVariable(
  ctx: AuthzContext,
  workspace: string,
  name: string,
  value: unknown,
): Promise<{ variable: VariableDto; created: boolean }> {
  const access = await requireMember(ctx, workspace, "secret:write");
  checkVariableName(name);
  let json: unknown;
  try {
    json = variableJson(value);
  } catch (err) {
    if (err instanceof ValidationError)
      throw new AppError("validation_failed", `Invalid request body: \`value\` ${err.message}.`, {
        details: { issues: [{ path: "value", message: err.message, code: "custom" }] },
      });
    throw err;
  }
  const key = { workspaceId_name: { workspaceId: access.workspace.id, name } };
  const existing = await ctx.db.variable.findUnique({ where: key, select: { id: true } });
  const row = await ctx.db.variable.upsert({
    where: key,
    create: { workspaceId: access.workspace.id, name, value: toJsonColumn(json) },
    update: { value: toJsonColumn(json) },
  });
  return { variable: toDto(row), created: !existing };
}

export async function deleteVariable(ctx: AuthzContext, workspace: string, name: string): Promise<void> {
  const access = await requireMember(ctx, workspace, "secret:write");
  const deleted = VARIABLE_NAME_PATTERN.test(name)
    ? await ctx.db.variable.deleteMany({ where: { workspaceId: access.workspace.id, name } })
    : { count: 0 };
  if (deleted.count === 0) throw notFound(`Variable "${name.slice(0, 100)}"`);
}
