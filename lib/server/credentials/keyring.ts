import { credentialSubkey, type MasterKey } from "./key-material";

/**
 * The keys a process can use: one current key that encrypts, and older keys that only
 * decrypt (kept while a rotation re-encrypts the records that still name them).
 */
export interface Keyring {
  readonly current: MasterKey;
  /** Subkey for a key id, or undefined when this process does not hold that key. */
  subkey(keyId: string): Buffer | undefined;
  readonly ids: readonly string[];
}

export function createKeyring(current: MasterKey, previous: readonly MasterKey[] = []): Keyring {
  const subkeys = new Map<string, Buffer>();
  for (const key of [current, ...previous]) {
    if (!subkeys.has(key.id)) subkeys.set(key.id, credentialSubkey(key));
  }
  return {
    current,
    subkey: (keyId) => subkeys.get(keyId),
    ids: [...subkeys.keys()],
  };
}
