import { readFileSync } from "node:fs";
import { createKeyring, type Keyring } from "./keyring";
import { keyFromBytes, parseKey, type MasterKey } from "./key-material";
import { mtimeOf, previousKeysPath, readPreviousKeys } from "./previous-keys-file";

/**
 * Supplies the vault's keyring. The current key comes from the configuration
 * (SWITCHYARD_ENCRYPTION_KEY, or the key file generated in the data directory). When the
 * key lives in a file, a rotation run beside a live server replaces it; the provider notices
 * the files' modification times and reloads, so the server never writes under a retired key.
 */
export interface KeyProvider {
  keyring(): Keyring;
}

export interface KeyProviderOptions {
  dataDir: string;
  /** The configured key (from the environment or the key file). */
  currentKey: Buffer;
  /** Path of the key file when the key came from it; undefined when it came from the environment. */
  keyFile?: string;
  /** Extra decrypt-only keys (SWITCHYARD_ENCRYPTION_KEY_PREVIOUS when configured). */
  previousKeys?: readonly Buffer[];
}

export function createKeyProvider(options: KeyProviderOptions): KeyProvider {
  const previousFile = previousKeysPath(options.dataDir);
  let cached: { keyring: Keyring; keyMtime: number; previousMtime: number } | undefined;

  const build = (): Keyring => {
    const keyMtime = options.keyFile ? mtimeOf(options.keyFile) : 0;
    const previousMtime = mtimeOf(previousFile);
    if (cached && cached.keyMtime === keyMtime && cached.previousMtime === previousMtime) return cached.keyring;
    let current: MasterKey = keyFromBytes(options.currentKey);
    if (options.keyFile && cached) {
      // The file changed since start (a rotation): its key is now the current one.
      current = parseKey(readFileSync(options.keyFile, "utf8"), options.keyFile);
    }
    const previous = [...(options.previousKeys ?? []).map(keyFromBytes), ...readPreviousKeys(options.dataDir)];
    if (current.id !== keyFromBytes(options.currentKey).id) previous.push(keyFromBytes(options.currentKey));
    const keyring = createKeyring(current, previous);
    cached = { keyring, keyMtime, previousMtime };
    return keyring;
  };

  return { keyring: build };
}
