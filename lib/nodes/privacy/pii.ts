/**
 * Normalisation of personal data before hashing, following Meta's Custom Audience rules
 * (docs/nodes.md, "Hash"), so the same person always yields the same digest. Pure and free of
 * node:* imports: the canvas previews it in the browser.
 */

export const PII_KINDS = ["email", "phone", "text"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** Trimmed and lower-cased; no provider-specific rewriting (dots and +tags are kept). */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length > 0 ? email : null;
}

/**
 * Digits with the country code and no leading zeros (E.164 without the `+`):
 * `+44 20 7946 0958` and `0044 20 7946 0958` -> `442079460958`; a national number
 * (`020 7946 0958`) gets `defaultCountryCode` instead of its trunk zero. Fewer than 7 or more
 * than 15 digits is not a phone number and yields null.
 */
export function normalisePhone(raw: string, defaultCountryCode?: string): string | null {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, "");
  const international = trimmed.startsWith("+") || digits.startsWith("00");
  digits = digits.replace(/^0+/, "");
  if (!international && defaultCountryCode) digits = defaultCountryCode.replace(/\D/g, "") + digits;
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/** Trimmed and lower-cased, for names and other free text. */
export function normaliseText(raw: string): string | null {
  const text = raw.trim().toLowerCase();
  return text.length > 0 ? text : null;
}

export function normalisePii(kind: PiiKind, raw: string, defaultCountryCode?: string): string | null {
  switch (kind) {
    case "email":
      return normaliseEmail(raw);
    case "phone":
      return normalisePhone(raw, defaultCountryCode);
    case "text":
      return normaliseText(raw);
  }
}

/** Lower-case hex SHA-256 of the UTF-8 bytes, with Web Crypto (Node 20 and browsers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
