import { z } from "zod";

/**
 * Emails are normalised (Unicode NFKC, trimmed, lower-cased) before they are validated or
 * compared, so look-alike forms cannot pass a check and then name another account.
 */
export function normalizeEmail(value: string): string {
  return value.normalize("NFKC").trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: "is required" })
  .transform(normalizeEmail)
  .pipe(z.email({ error: "must be an email address" }).max(254, { error: "must be at most 254 characters" }));
