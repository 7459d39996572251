import { createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Master keys: 32 random bytes, written as base64 (44 characters) or hex (64 characters).
 * A key's id is derived from the key itself, so every process that holds the same key
 * names it the same way, and the id reveals nothing about the key.
 */

export const KEY_BYTES = 32;

export interface MasterKey {
  id: string;
  /** The 32 bytes from the operator or the key file. Never logged, never stored in the database. */
  material: Buffer;
}

export class KeyFormatError extends Error {
  constructor(source: string) {
    super(
      `${source} must be 32 random bytes written as base64 (44 characters) or hex (64 characters); generate one with: openssl rand -base64 32`,
    );
    this.name = "KeyFormatError";
  }
}

/** Parses a written key; `source` names where it came from, for the error message. */
export function parseKey(text: string, source: string): MasterKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!bytes || bytes.length !== KEY_BYTES) throw new KeyFormatError(source);
  return { id: keyIdOf(bytes), material: bytes };
}

export function keyFromBytes(bytes: Buffer): MasterKey {
  if (bytes.length !== KEY_BYTES) throw new KeyFormatError("an encryption key");
  return { id: keyIdOf(bytes), material: Buffer.from(bytes) };
}

export function generateKey(): MasterKey {
  const bytes = randomBytes(KEY_BYTES);
  return { id: keyIdOf(bytes), material: bytes };
}

export function formatKey(key: MasterKey): string {
  return key.material.toString("base64");
}

function keyIdOf(material: Buffer): string {
  return "k_" + createHmac("sha256", material).update("switchyard.key-id").digest("hex").slice(0, 16);
}

/**
 * The key that actually encrypts credentials is derived from the master key (HKDF-SHA256),
 * so the master key can later serve other purposes without two uses sharing one AES key.
 */
export function credentialSubkey(key: MasterKey): Buffer {
  return Buffer.from(hkdfSync("sha256", key.material, Buffer.alloc(0), "switchyard.credentials.v1", KEY_BYTES));
}
