import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { credentialDefinition } from "@/lib/catalog";
import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { AuthzContext } from "@/lib/server/authz/caller";
import { requireMember, requireWorkspaceObject } from "@/lib/server/authz/require-member";
import type { Credential, Prisma } from "@/lib/server/db/generated/sqlite/client";
import { AppError, conflict } from "@/lib/server/http/app-error";
import { validationError } from "@/lib/server/http/zod-details";
import { toCredentialDto, type CredentialDto, type UserRef } from "./credential-dto";
import type { createCredentialSchema, updateCredentialSchema } from "./credential-schemas";
import { DecryptionError } from "./cipher";
import { credentialUsage } from "./credential-usage";
import { MASK, publicDataOf } from "./masking";
import { getVault } from "./vault-instance";

/**
 * Credentials of a workspace (SPEC §7, §8). Every function checks the caller's role on the
 * workspace that owns the credential: editors and above create, edit and delete; runners may
 * list and test (they use credentials through runs); viewers see nothing. Secrets go in and
 * never come out: answers carry masked hints only.
 */

export function newCredentialId(): string {
  return "cred_" + randomBytes(15).toString("base64url");
}

function definitionOrThrow(type: string): CredentialDefinition {
  const definition = credentialDefinition(type);
  if (!definition) {
    throw new AppError("validation_failed", `Invalid request body: \`type\` "${type}" is not a credential type.`, {
      details: { issues: [{ path: "type", message: "is not a credential type", code: "invalid_value" }] },
    });
  }
  return definition;
}

/** Validates credential data against its type's fields; errors name `data.<field>`. */
export function parseCredentialData(definition: CredentialDefinition, data: Record<string, unknown>): Record<string, unknown> {
  const parsed = definition.fields.safeParse(data);
  if (!parsed.success) throw validationError(parsed.error, ["data"]);
  if (typeof parsed.data !== "object" || parsed.data === null) throw new AppError("bad_request", "Credential fields must be an object.");
  return parsed.data as Record<string, unknown>;
}

/**
 * Merges an edit into stored data: a field left out keeps its value, `null` clears it, and a
 * secret field sent back as its masked hint (a client that echoed what it was shown) is not a
 * new value.
 */
export function mergeCredentialData(
  definition: CredentialDefinition,
  stored: Record<string, unknown>,
  edit: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!edit) return stored;
  const secret = new Set(definition.secretFields);
  const merged: Record<string, unknown> = { ...stored };
  for (const [name, value] of Object.entries(edit)) {
    if (value === undefined) continue;
    if (value === null) {
      delete merged[name];
      continue;
    }
    if (secret.has(name) && typeof value === "string" && value.startsWith(MASK)) continue;
    merged[name] = value;
  }
  return merged;
}

/**
 * The stored data an edit starts from. A row that no longer decrypts (its key is gone, or it
 * was altered) starts from nothing: saving it again with every required field re-enters it.
 */
function storedDataForEdit(credential: Credential): Record<string, unknown> {
  try {
    return getVault().openRow(credential);
  } catch (err) {
    if (err instanceof DecryptionError) return {};
    throw err;
  }
}

async function userRefs(ctx: AuthzContext, ids: (string | null)[]): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const users = await ctx.db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}

async function dtoOf(ctx: AuthzContext, row: Credential): Promise<CredentialDto> {
  const usage = await credentialUsage(ctx.db, row.workspaceId);
  return toCredentialDto(row, credentialDefinition(row.type), await userRefs(ctx, [row.createdById]), usage.get(row.id) ?? []);
}

export async function listCredentials(ctx: AuthzContext, workspace: string): Promise<CredentialDto[]> {
  const access = await requireMember(ctx, workspace, "secret:use");
  const rows = await ctx.db.credential.findMany({ where: { workspaceId: access.workspace.id }, orderBy: { name: "asc" }, take: 1000 });
  const [usage, users] = await Promise.all([
    credentialUsage(ctx.db, access.workspace.id),
    userRefs(
      ctx,
      rows.map((r) => r.createdById),
    ),
  ]);
  return rows.map((row) => toCredentialDto(row, credentialDefinition(row.type), users, usage.get(row.id) ?? []));
}

/** The credential row after checking `action` on the workspace that owns it (404 across workspaces). */
export async function authorizeCredential(
  ctx: AuthzContext,
  workspace: string,
  credentialId: string,
  action: "secret:use" | "secret:write",
) {
  const { access, object } = await requireWorkspaceObject(ctx, workspace, action, "Credential", (workspaceId) =>
    ctx.db.credential.findFirst({ where: { id: credentialId, workspaceId } }),
  );
  return { access, credential: object };
}

export async function getCredential(ctx: AuthzContext, workspace: string, credentialId: string): Promise<CredentialDto> {
  const { credential } = await authorizeCredential(ctx, workspace, credentialId, "secret:use");
  return dtoOf(ctx, credential);
}

export async function createCredential(
  ctx: AuthzContext,
  workspace: string,
  input: z.output<typeof createCredentialSchema>,
): Promise<CredentialDto> {
  const access = await requireMember(ctx, workspace, "secret:write");
  const definition = definitionOrThrow(input.type);
  const data = parseCredentialData(definition, input.data);
  const id = newCredentialId();
  const sealed = getVault().sealData({ workspaceId: access.workspace.id, credentialId: id, type: definition.type }, data);
  const row = await ctx.db.credential.create({
    data: {
      id,
      workspaceId: access.workspace.id,
      type: definition.type,
      name: input.name,
      ...sealed,
      publicData: publicDataOf(data, definition.secretFields) as unknown as Prisma.InputJsonValue,
      createdById: ctx.caller.userId,
    },
  });
  return dtoOf(ctx, row);
}

export async function updateCredential(
  ctx: AuthzContext,
  workspace: string,
  credentialId: string,
  input: z.output<typeof updateCredentialSchema>,
): Promise<CredentialDto> {
  const { credential } = await authorizeCredential(ctx, workspace, credentialId, "secret:write");
  const definition = definitionOrThrow(credential.type);
  let sealedFields = {};
  if (input.data) {
    const vault = getVault();
    const data = parseCredentialData(definition, mergeCredentialData(definition, storedDataForEdit(credential), input.data));
    sealedFields = {
      ...vault.sealData({ workspaceId: credential.workspaceId, credentialId: credential.id, type: credential.type }, data),
      publicData: publicDataOf(data, definition.secretFields) as unknown as Prisma.InputJsonValue,
    };
  }
  const row = await ctx.db.credential.update({
    where: { id: credential.id },
    data: { ...(input.name !== undefined ? { name: input.name } : {}), ...sealedFields },
  });
  return dtoOf(ctx, row);
}

/** Deleting a credential that flows use breaks them, so it takes `force`; the 409 names the flows. */
export async function deleteCredential(ctx: AuthzContext, workspace: string, credentialId: string, force: boolean): Promise<void> {
  const { credential } = await authorizeCredential(ctx, workspace, credentialId, "secret:write");
  if (!force) {
    const usedBy = (await credentialUsage(ctx.db, credential.workspaceId)).get(credential.id) ?? [];
    if (usedBy.length > 0) {
      throw conflict(
        `This credential is used by ${usedBy.length} flow${usedBy.length === 1 ? "" : "s"} (${usedBy.map((f) => f.name).join(", ")}). Delete it anyway with ?force=true.`,
        { usedBy },
      );
    }
  }
  await ctx.db.credential.delete({ where: { id: credential.id } });
}
