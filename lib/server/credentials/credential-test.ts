import type { z } from "zod";
import { credentialDefinition } from "@/lib/catalog";
import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import { toNodeError } from "@/lib/engine/errors";
import type { AuthzContext } from "@/lib/server/authz/caller";
import { requireMember } from "@/lib/server/authz/require-member";
import { AppError } from "@/lib/server/http/app-error";
import { outboundFetch } from "@/lib/server/runtime/outbound-fetch";
import { DecryptionError } from "./cipher";
import { authorizeCredential, mergeCredentialData, parseCredentialData } from "./credential-service";
import type { testCredentialSchema } from "./credential-schemas";
import { redactString } from "./redact";
import { secretValuesOf } from "./secret-values";
import { getVault } from "./vault-instance";

/**
 * "Test connection": runs the credential type's `test` through the SSRF-guarded fetch with a
 * time limit. A failed check is a normal answer (`ok: false` with the error's category and
 * message, secrets replaced by `***`), not an HTTP error of our API.
 */

export interface CredentialTestResult {
  ok: boolean;
  message: string;
  category?: string;
}

const TEST_TIMEOUT_MS = 15_000;

export async function runCredentialTest(
  definition: CredentialDefinition,
  data: Record<string, unknown>,
  io: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<CredentialTestResult> {
  if (!definition.test) return { ok: false, message: `${definition.title} credentials have no connection test.`, category: "unsupported" };
  const secrets = secretValuesOf(definition, data);
  const signal = AbortSignal.timeout(io.timeoutMs ?? TEST_TIMEOUT_MS);
  try {
    const result = await definition.test(data, { fetch: io.fetch ?? outboundFetch(), signal });
    return { ok: true, message: redactString(result.message ?? "The connection works.", secrets) };
  } catch (err) {
    const error = signal.aborted
      ? { category: "timeout", message: `No answer within ${Math.round((io.timeoutMs ?? TEST_TIMEOUT_MS) / 1000)} s.` }
      : toNodeError(err);
    return { ok: false, message: redactString(error.message, secrets), category: error.category };
  }
}

/** Tests a saved credential, optionally with edits from the form (which need the right to edit). */
export async function testSavedCredential(
  ctx: AuthzContext,
  workspace: string,
  credentialId: string,
  input: z.output<typeof testCredentialSchema>,
): Promise<CredentialTestResult> {
  const { credential } = await authorizeCredential(ctx, workspace, credentialId, input.data ? "secret:write" : "secret:use");
  const definition = credentialDefinition(credential.type);
  if (!definition) throw new AppError("bad_request", `Credential type "${credential.type}" is no longer available.`);
  let stored: Record<string, unknown>;
  try {
    stored = getVault().openRow(credential);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    return { ok: false, category: "decryption", message: `${err.message}. Enter its secrets again and save.` };
  }
  const data = parseCredentialData(definition, mergeCredentialData(definition, stored, input.data));
  const result = await runCredentialTest(definition, data);
  // Setting updatedAt to itself keeps "last edited" apart from "last used".
  if (result.ok)
    await ctx.db.credential.update({ where: { id: credential.id }, data: { lastUsedAt: new Date(), updatedAt: credential.updatedAt } });
  return result;
}

/** Tests a credential that is not saved yet (the create form). */
export async function testUnsavedCredential(
  ctx: AuthzContext,
  workspace: string,
  type: string,
  data: Record<string, unknown>,
): Promise<CredentialTestResult> {
  await requireMember(ctx, workspace, "secret:write");
  const definition = credentialDefinition(type);
  if (!definition) {
    throw new AppError("validation_failed", `Invalid request body: \`type\` "${type}" is not a credential type.`, {
      details: { issues: [{ path: "type", message: "is not a credential type", code: "invalid_value" }] },
    });
  }
  return runCredentialTest(definition, parseCredentialData(definition, data));
}
