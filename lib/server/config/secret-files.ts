import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secrets Switchyard generates for itself on first start when the environment does not
 * provide them. They live in the data directory, readable by the owner only, and are never
 * committed (data/ is ignored). The paths come from the configuration at run time, so the
 * bundler is told not to trace them.
 */
export const SECRET_FILES = {
  authSecret: "auth-secret",
  encryptionKey: "encryption.key",
} as const;

export type SecretName = keyof typeof SECRET_FILES;

export function secretFilePath(dataDir: string, name: SecretName): string {
  return path.join(dataDir, SECRET_FILES[name]);
}

/** The stored value, or undefined when the file does not exist. */
export function readSecretFile(dataDir: string, name: SecretName): string | undefined {
  const file = secretFilePath(dataDir, name);
  try {
    const value = readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
    // A copy restored with loose permissions is tightened rather than rejected.
    if ((statSync(/*turbopackIgnore: true*/ file).mode & 0o077) !== 0) chmodSync(/*turbopackIgnore: true*/ file, 0o600);
    return value;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * Returns the stored secret, creating it (32 random bytes, base64, mode 0600) when missing.
 * The exclusive create makes two processes starting together agree on one value.
 */
export function ensureSecretFile(dataDir: string, name: SecretName): { value: string; created: boolean } {
  const existing = readSecretFile(dataDir, name);
  if (existing !== undefined) return { value: existing, created: false };
  mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString("base64");
  try {
    writeFileSync(/*turbopackIgnore: true*/ secretFilePath(dataDir, name), value + "\n", { mode: 0o600, flag: "wx" });
    return { value, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { value: readSecretFile(dataDir, name) ?? value, created: false };
  }
}
