import { ValidationError } from "@/lib/engine/errors";

/**
 * Placeholders of a custom webhook: `{{subject}}`, `{{body}}`, `{{name}}`, the run fields a
 * flow notification fills (`{{flow}}`, `{{state}}`, `{{runId}}`, `{{runUrl}}`, `{{failedNode}}`,
 * `{{error}}`), and `{{secret.<key>}}` from the credential's secrets. They live in the
 * credential, which the engine never evaluates as expressions, so `{{ }}` here is ours.
 *
 * The body template is parsed as JSON first and placeholders are filled inside its strings,
 * so a value can never break out of its string (a quote in a subject stays a quote).
 */

export const MESSAGE_FIELDS = ["subject", "body", "name", "flow", "state", "runId", "runUrl", "failedNode", "error"] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
export type MessageValues = Partial<Record<MessageField, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.-]*)\s*\}\}/g;

export const DEFAULT_BODY_TEMPLATE = '{\n  "subject": "{{subject}}",\n  "body": "{{body}}",\n  "name": "{{name}}"\n}';

/** Names used in a text, e.g. ["subject", "secret.token"]. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Why a placeholder is not allowed, or undefined when it is. */
export function placeholderProblem(name: string, secretKeys: readonly string[]): string | undefined {
  if (name.startsWith("secret.")) {
    const key = name.slice("secret.".length);
    return secretKeys.includes(key)
      ? undefined
      : `{{${name}}} names no secret of this credential (have: ${secretKeys.join(", ") || "none"})`;
  }
  return (MESSAGE_FIELDS as readonly string[]).includes(name)
    ? undefined
    : `{{${name}}} is not a placeholder (use ${MESSAGE_FIELDS.map((f) => `{{${f}}}`).join(", ")} or {{secret.<key>}})`;
}

export interface TemplateValues {
  message: MessageValues;
  secrets: Readonly<Record<string, string>>;
}

/** Fills every placeholder of a string. */
export function fill(text: string, values: TemplateValues, path: (string | number)[]): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    if (name.startsWith("secret.")) {
      const secret = values.secrets[name.slice("secret.".length)];
      if (secret === undefined) throw new ValidationError(`{{${name}}} names no secret of the credential`, { path });
      return secret;
    }
    if (!(MESSAGE_FIELDS as readonly string[]).includes(name)) throw new ValidationError(`{{${name}}} is not a placeholder`, { path });
    return values.message[name as MessageField] ?? "";
  });
}

function fillJson(value: unknown, values: TemplateValues, path: (string | number)[]): unknown {
  if (typeof value === "string") return fill(value, values, path);
  if (Array.isArray(value)) return value.map((item, i) => fillJson(item, values, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k, values, path), fillJson(v, values, [...path, k])]));
  }
  return value;
}

/** The JSON body: the template parsed, then filled string by string. */
export function renderBody(template: string, values: TemplateValues): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    throw new ValidationError("The body template of the webhook credential is not valid JSON", { path: ["bodyTemplate"] });
  }
  return JSON.stringify(fillJson(parsed, values, ["bodyTemplate"]));
}

/** Replaces every secret value in `text` with `***` (a receiver may echo the request back). */
export function redactSecrets(text: string, secrets: Readonly<Record<string, string>>): string {
  let out = text;
  for (const secret of Object.values(secrets).sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join("***");
  }
  return out;
}
