import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { formatKey, generateKey, parseKey, type MasterKey } from "./key-material";

/**
 * The key file of the embedded mode: generated on first start (mode 0600) when no
 * SWITCHYARD_ENCRYPTION_KEY is set. It lists the current key first-class and, during a
 * rotation, the previous keys that still decrypt records not yet re-encrypted.
 */

export const KEY_FILE_NAME = "encryption-keys.json";

const keyFileSchema = z.object({
  format: z.literal("switchyard.keyring/v1"),
  current: z.string().min(1),
  keys: z.array(z.object({ id: z.string().min(1), key: z.string().min(1), createdAt: z.string() })).min(1),
});

export interface KeyFileContents {
  current: MasterKey;
  previous: MasterKey[];
}

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFileError";
  }
}

export function readKeyFile(file: string): KeyFileContents | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError(`${file} is not valid JSON; restore it from a backup`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new KeyFileError(`${file} is not a Switchyard key file: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
  const keys = parsed.data.keys.map((k) => parseKey(k.key, `a key in ${file}`));
  const current = keys.find((k) => k.id === parsed.data.current);
  if (!current) throw new KeyFileError(`${file} names current key ${parsed.data.current} but does not hold it`);
  return { current, previous: keys.filter((k) => k.id !== current.id) };
}

/** Replaces the file atomically (write beside it, then rename) so a crash never leaves half a key file. */
export function writeKeyFile(file: string, contents: KeyFileContents): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const now = new Date().toISOString();
  const body = {
    format: "switchyard.keyring/v1",
    current: contents.current.id,
    keys: [contents.current, ...contents.previous].map((k) => ({ id: k.id, key: formatKey(k), createdAt: now })),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(body, null, 2) + "\n", { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * Reads the key file, creating it with a fresh key when absent. Creation uses an exclusive
 * open, so two processes starting at once end up with the same key.
 */
export function readOrCreateKeyFile(file: string): KeyFileContents {
  const existing = readKeyFile(file);
  if (existing) return existing;
  const key = generateKey();
  mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    format: "switchyard.keyring/v1",
    current: key.id,
    keys: [{ id: key.id, key: formatKey(key), createdAt: new Date().toISOString() }],
  };
  try {
    writeFileSync(file, JSON.stringify(body, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const created = readKeyFile(file);
  if (!created) throw new KeyFileError(`could not create ${file}`);
  return created;
}
