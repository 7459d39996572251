/**
 * Why a secret is too weak to sign sessions with, or undefined when it is fine. A session
 * secret that can be guessed lets anyone forge a signed-in cookie, so production refuses one.
 */

const MIN_LENGTH = 32;
const MIN_DISTINCT_CHARS = 10;
const PLACEHOLDER = /(change[-_ ]?me|replace[-_ ]?me|your[-_ ]?secret|example|placeholder|default|^secret|^password)/i;

export function weakSecretReason(secret: string): string | undefined {
  if (secret.length < MIN_LENGTH) return `is too short (${secret.length} characters; at least ${MIN_LENGTH} are needed)`;
  if (new Set(secret).size < MIN_DISTINCT_CHARS) return "is too repetitive to be random";
  if (PLACEHOLDER.test(secret)) return "looks like a placeholder, not a random value";
  return undefined;
}

/** Decodes a base64 (or base64url) AES-256 key; undefined unless it is exactly 32 bytes. */
export function decodeEncryptionKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return key.length === 32 ? key : undefined;
}

export const SECRET_HINT = "generate one with: openssl rand -base64 32";
