import { createHash, randomBytes } from "node:crypto";

/**
 * Personal API tokens: `syd_` + 32 random bytes in base64url. Only the SHA-256 of the token
 * is stored (a fast hash is enough: the token is random, not a guessable password); the
 * first characters are kept as a visible prefix to tell tokens apart.
 */
export const TOKEN_PREFIX = "syd_";
const TOKEN_PATTERN = /^syd_[A-Za-z0-9_-]{43}$/;
const VISIBLE_CHARS = 8;

export function generateApiToken(): { token: string; prefix: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + VISIBLE_CHARS), hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
