/** The JSON text a variable's value is edited as, and its parse with a message for the form. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${(err as Error).message}` };
  }
}

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
