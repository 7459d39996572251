import type { CredentialDefinition } from "@/lib/engine/credential-definition";
import type { CredentialResolver } from "@/lib/engine/engine-api";
import { AuthError, NonRetryableError } from "@/lib/engine/errors";
import type { Db } from "@/lib/server/db/client";
import { DecryptionError } from "./cipher";
import { secretValuesOf } from "./secret-values";
import type { Vault } from "./vault";

/**
 * Hands the engine a decrypted credential for one run, only from the run's own workspace.
 * On the way it records the secrets for redaction and notes when the credential was last
 * used. (The type's documented rate is applied per step under `credential:<id>`; see
 * lib/server/runtime/credential-rate-limits.ts.)
 */

export interface CredentialResolverOptions {
  db: Db;
  vault: Vault;
  definitionOf: (type: string) => CredentialDefinition | undefined;
  /** Receives every secret value resolved for a run. */
  onSecrets?: (runId: string, secrets: readonly string[]) => void;
  /** lastUsedAt is written at most this often per credential. */
  touchEveryMs?: number;
  now?: () => number;
}

export const credentialRateKey = (credentialId: string): string => `credential:${credentialId}`;

export function createCredentialResolver(options: CredentialResolverOptions): CredentialResolver {
  const touchEvery = options.touchEveryMs ?? 60_000;
  const now = options.now ?? Date.now;
  const touched = new Map<string, number>();

  const touch = async (id: string, updatedAt: Date): Promise<void> => {
    const at = now();
    if ((touched.get(id) ?? -Infinity) > at - touchEvery) return;
    touched.set(id, at);
    // Setting updatedAt to itself keeps "last edited" apart from "last used".
    await options.db.credential.update({ where: { id }, data: { lastUsedAt: new Date(at), updatedAt } }).catch(() => undefined);
  };

  return {
    async resolve(credentialId, scope) {
      if (!scope.workspaceId) throw new AuthError(`Credential ${credentialId} can only be used by a flow of its workspace`);
      const row = await options.db.credential.findFirst({ where: { id: credentialId, workspaceId: scope.workspaceId } });
      if (!row) throw new AuthError(`Credential ${credentialId} does not exist in this workspace (deleted, or from another workspace)`);
      const definition = options.definitionOf(row.type);
      let data: Record<string, unknown>;
      try {
        data = options.vault.openRow(row);
      } catch (err) {
        if (err instanceof DecryptionError) throw new NonRetryableError(`Credential "${row.name}" cannot be decrypted: ${err.message}`);
        throw err;
      }
      const secrets = secretValuesOf(definition, data);
      options.onSecrets?.(scope.runId, secrets);
      await touch(row.id, row.updatedAt);
      return { id: row.id, type: row.type, data, secrets };
    },
  };
}
