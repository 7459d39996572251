/**
 * What the browser may see of a secret: a hint that helps tell two tokens apart. Only long
 * secrets show their last four characters; a short one would give away too much of itself.
 */
export const MASK = "••••";

export function maskSecret(value: unknown): string {
  if (typeof value !== "string" || value === "") return "";
  return value.length >= 16 ? MASK + value.slice(-4) : MASK;
}

export interface PublicCredentialData {
  /** Non-secret fields as saved. */
  fields: Record<string, unknown>;
  /** Masked hint per secret field that holds a value. */
  hints: Record<string, string>;
}

/** Splits decrypted data into what may be shown (non-secret fields, masked hints). */
export function publicDataOf(data: Record<string, unknown>, secretFields: readonly string[]): PublicCredentialData {
  const secret = new Set(secretFields);
  const fields: Record<string, unknown> = {};
  const hints: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (secret.has(name)) {
      const hint = maskSecret(value);
      if (hint) hints[name] = hint;
    } else {
      fields[name] = value;
    }
  }
  return { fields, hints };
}
