import { z } from "zod";
import { open, seal, type CredentialBinding, type SealedRecord } from "./cipher";
import type { KeyProvider } from "./key-provider";

/**
 * Sealing and opening credential data: the whole field object (secret and non-secret
 * fields) is one JSON plaintext, encrypted under the current key and bound to its row.
 */

const storedDataSchema = z.record(z.string(), z.unknown());

export interface CredentialRow extends SealedRecord {
  id: string;
  workspaceId: string;
  type: string;
}

export interface Vault {
  sealData(binding: CredentialBinding, data: Record<string, unknown>): SealedRecord;
  openRow(row: CredentialRow): Record<string, unknown>;
  /** Key id that new records are written under. */
  currentKeyId(): string;
}

export function createVault(keys: KeyProvider): Vault {
  return {
    sealData: (binding, data) => seal(keys.keyring(), JSON.stringify(data), binding),
    openRow(row) {
      const binding = { workspaceId: row.workspaceId, credentialId: row.id, type: row.type };
      const text = open(keys.keyring(), row, binding);
      // The plaintext passed the integrity check, so a parse failure is a bug, not an attack.
      return storedDataSchema.parse(JSON.parse(text));
    },
    currentKeyId: () => keys.keyring().current.id,
  };
}
