import { createKeyring, type Keyring } from "./keyring";
import { readKeyFile, readOrCreateKeyFile } from "./key-file";
import { parseKey, type MasterKey } from "./key-material";

/**
 * Where a process gets its keys. With SWITCHYARD_ENCRYPTION_KEY set, that key encrypts and
 * the key file (if one exists) and SWITCHYARD_ENCRYPTION_KEY_PREVIOUS only decrypt; this is
 * how a rotation or a move from the key file to the variable works. Without it, the key file
 * is read, or created on first start.
 */
export interface KeySourceOptions {
  envKey?: string;
  previousEnvKeys?: readonly string[];
  keyFile: string;
}

export function loadKeyring(options: KeySourceOptions): Keyring {
  const previous: MasterKey[] = (options.previousEnvKeys ?? [])
    .filter((k) => k.trim() !== "")
    .map((k, i) => parseKey(k, `SWITCHYARD_ENCRYPTION_KEY_PREVIOUS (entry ${i + 1})`));
  if (options.envKey) {
    const current = parseKey(options.envKey, "SWITCHYARD_ENCRYPTION_KEY");
    const file = readKeyFile(options.keyFile);
    if (file) previous.push(file.current, ...file.previous);
    return createKeyring(current, previous);
  }
  const file = readOrCreateKeyFile(options.keyFile);
  return createKeyring(file.current, [...file.previous, ...previous]);
}
