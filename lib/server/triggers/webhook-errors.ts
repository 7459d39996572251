/**
 * Answers of the webhook endpoint. They use the API's error envelope
 * `{ error: { code, message, details } }`, with codes of their own for what only a webhook can
 * meet (a bad signature, a paused trigger, a run that failed or did not finish in time).
 */

export interface HookAnswer {
  status: number;
  headers: Record<string, string>;
  /** Already serialised. */
  body: string;
}

const JSON_TYPE = "application/json; charset=utf-8";

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): HookAnswer {
  return { status, headers: { "content-type": JSON_TYPE, "cache-control": "no-store", ...headers }, body: JSON.stringify(value) };
}

export function hookError(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> | null = null,
  headers: Record<string, string> = {},
): HookAnswer {
  return jsonAnswer(status, { error: { code, message, details } }, headers);
}

/** Thrown inside the pipeline; the handler turns it into its answer. */
export class HookRefusal extends Error {
  constructor(readonly answer: HookAnswer) {
    super(`webhook refused with ${answer.status}`);
    this.name = "HookRefusal";
  }
}

export const refuse = (...args: Parameters<typeof hookError>): HookRefusal => new HookRefusal(hookError(...args));
