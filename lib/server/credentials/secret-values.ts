import type { CredentialDefinition } from "@/lib/engine/credential-definition";

/**
 * Every string a run could leak of a credential: each secret field's value plus the forms it
 * takes on the wire (JSON-escaped, URL-encoded, base64, inside a Basic header) and the
 * authentication values the credential type derives from it. The engine and the run store
 * replace each of them with `***`.
 */

// Shorter values would blank out ordinary words in outputs; credential fields require more.
const MIN_LENGTH = 4;
const SENSITIVE_HEADER = /auth|token|key|secret|signature|cookie|password/i;

export function secretValuesOf(definition: CredentialDefinition | undefined, data: Record<string, unknown>): string[] {
  const raw = new Set<string>();
  const secretFields = definition?.secretFields ?? [];
  for (const name of secretFields) collectStrings(data[name], raw);

  if (definition?.authenticate && raw.size > 0) {
    try {
      const auth = definition.authenticate(data);
      for (const [name, value] of Object.entries({ ...auth.headers, ...auth.query })) {
        if (SENSITIVE_HEADER.test(name) || [...raw].some((s) => value.includes(s))) raw.add(withoutScheme(value));
      }
    } catch {
      // authenticate() validates its input; a credential it rejects sends no header to redact.
    }
  }

  // A URL that is a secret (webhook URLs) carries its token in a path segment or query value,
  // which a vendor may echo on its own.
  for (const value of [...raw]) for (const part of urlTokensOf(value)) raw.add(part);

  const out = new Set<string>();
  for (const value of raw) {
    for (const variant of variantsOf(value)) if (variant.length >= MIN_LENGTH) out.add(variant);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (value !== "") into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, into);
  } else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) collectStrings(v, into);
  }
}

function variantsOf(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), Buffer.from(value, "utf8").toString("base64")];
}

/** `Bearer abc` -> `abc`: the token is the secret; keeping the scheme readable helps debugging. */
function withoutScheme(value: string): string {
  const scheme = /^(Bearer|Basic|Token|Bot)\s+(.+)$/i.exec(value);
  return scheme?.[2] ?? value;
}

const URL_TOKEN_MIN = 16;

function urlTokensOf(value: string): string[] {
  if (!/^https?:\/\//i.test(value)) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const parts = [...url.pathname.split("/").map((p) => decodeURIComponent(p)), ...url.searchParams.values(), url.password];
  return parts.filter((p) => p.length >= URL_TOKEN_MIN);
}
