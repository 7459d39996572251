import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring";

/**
 * AES-256-GCM with a random 96-bit nonce per record. The associated data binds a ciphertext
 * to the row it belongs to (workspace, credential id and type): a ciphertext copied into
 * another row or workspace does not decrypt.
 */

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = "switchyard.credential.v1";

export interface CredentialBinding {
  workspaceId: string;
  credentialId: string;
  type: string;
}

export interface SealedRecord {
  /** base64 of ciphertext followed by the 16-byte tag. */
  ciphertext: string;
  /** base64 of the 12-byte nonce. */
  nonce: string;
  keyId: string;
}

/** A record that does not decrypt: wrong key, tampered bytes, or moved to another row. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

function associatedData(b: CredentialBinding): Buffer {
  // NUL separators: no id or type contains one, so two different bindings never collide.
  return Buffer.from([FORMAT, b.workspaceId, b.credentialId, b.type].join("\u0000"), "utf8");
}

export function seal(keyring: Keyring, plaintext: string, binding: CredentialBinding): SealedRecord {
  const keyId = keyring.current.id;
  const key = keyring.subkey(keyId)!;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(binding));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: body.toString("base64"), nonce: nonce.toString("base64"), keyId };
}

export function open(keyring: Keyring, record: SealedRecord, binding: CredentialBinding): string {
  const key = keyring.subkey(record.keyId);
  if (!key) {
    throw new DecryptionError(
      `credential ${binding.credentialId} is encrypted with key ${record.keyId}, which this server does not hold (see docs/credentials.md, key rotation)`,
    );
  }
  const nonce = Buffer.from(record.nonce, "base64");
  const body = Buffer.from(record.ciphertext, "base64");
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
    throw new DecryptionError(`credential ${binding.credentialId} has a malformed ciphertext`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError(`credential ${binding.credentialId} failed its integrity check (tampered, or not from this row)`);
  }
}
