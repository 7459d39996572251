/**
 * Masks known secret values (`ResolvedCredential.secrets`) in anything that leaves a step:
 * logs, step inputs and outputs, errors, artifacts and events. Redaction is by value (taint),
 * not by field name, so a secret echoed into any string is caught. Copy-on-write: objects are
 * copied only along the paths that contain a secret, and nothing is walked while no secret is
 * known, so runs without credentials pay nothing.
 */

export const REDACTED = "***";
/** Shorter values would mask ordinary text; no real secret is this short. */
export const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  /** Registers secret values to mask from now on. */
  add(secrets: readonly string[]): void;
  /** Whether any secret is known (when not, `redact` returns its argument). */
  readonly active: boolean;
  redactText(text: string): string;
  redact<T>(value: T): T;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function createRedactor(initial: readonly string[] = []): Redactor {
  const secrets = new Set<string>();
  let pattern: RegExp | null = null;

  const redactText = (text: string): string => {
    if (!pattern || text.length < MIN_SECRET_LENGTH) return text;
    pattern.lastIndex = 0;
    return pattern.test(text) ? text.replace(pattern, REDACTED) : text;
  };

  const walk = (value: unknown, seen: WeakSet<object>): unknown => {
    if (typeof value === "string") return redactText(value);
    if (value === null || typeof value !== "object") return value;
    if (seen.has(value)) return value;
    seen.add(value);
    if (value instanceof Error) {
      const message = redactText(value.message);
      if (message === value.message) return value;
      const copy = new Error(message);
      copy.name = value.name;
      return copy;
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        const r = walk(v, seen);
        if (r !== v) (copy ??= value.slice())[i] = r;
      }
      return copy ?? value;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      const r = walk(v, seen);
      const k = redactText(key);
      if (r !== v || k !== key) {
        copy ??= { ...(value as Record<string, unknown>) };
        if (k !== key) delete copy[key];
        copy[k] = r;
      }
    }
    return copy ?? value;
  };

  const redactor: Redactor = {
    add(values) {
      let changed = false;
      for (const s of values) {
        if (typeof s === "string" && s.length >= MIN_SECRET_LENGTH && !secrets.has(s)) {
          secrets.add(s);
          changed = true;
        }
      }
      if (!changed) return;
      // Longest first, so a secret containing another is masked whole.
      const alts = [...secrets].sort((a, b) => b.length - a.length).map(escape);
      pattern = new RegExp(alts.join("|"), "g");
    },
    get active() {
      return pattern !== null;
    },
    redactText,
    redact<T>(value: T): T {
      return pattern ? (walk(value, new WeakSet()) as T) : value;
    },
  };
  redactor.add(initial);
  return redactor;
}
