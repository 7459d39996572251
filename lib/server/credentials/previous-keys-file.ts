import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatKey, parseKey, type MasterKey } from "./key-material";

/**
 * Keys that no longer encrypt but still decrypt, one base64 key per line, mode 0600, beside
 * the current key file in the data directory. A rotation writes the old key here before it
 * replaces the current one, and empties the file once no credential names the old key.
 */
export const PREVIOUS_KEYS_FILE = "encryption.key.previous";

export function previousKeysPath(dataDir: string): string {
  return path.join(dataDir, PREVIOUS_KEYS_FILE);
}

export function readPreviousKeys(dataDir: string): MasterKey[] {
  const file = previousKeysPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const keys: MasterKey[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line !== "" && !line.startsWith("#")) keys.push(parseKey(line, `${file} (line ${i + 1})`));
  });
  return keys;
}

export function writePreviousKeys(dataDir: string, keys: readonly MasterKey[]): void {
  const file = previousKeysPath(dataDir);
  if (keys.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  const body =
    "# Previous Switchyard encryption keys: decrypt only, removed after a completed rotation.\n" + keys.map(formatKey).join("\n") + "\n";
  atomicWrite(file, body);
}

/** Write beside the target, then rename: a crash never leaves half a key. */
export function atomicWrite(file: string, body: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, body, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Modification time of a file, or 0 when it does not exist; used to notice a rotation. */
export function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
