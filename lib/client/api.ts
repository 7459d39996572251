/**
 * Browser calls to Switchyard's own API. Errors arrive as `{ error: { code, message,
 * details } }`; they are thrown as ApiRequestError so forms can show the message and mark
 * the fields named in details.issues.
 */

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | null,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  /** Messages by field path (`email`, `nodes.0.id`), for inline form errors. */
  fieldErrors(): Record<string, string> {
    const issues = this.details?.issues;
    if (!Array.isArray(issues)) return {};
    const out: Record<string, string> = {};
    for (const issue of issues as FieldIssue[]) {
      if (typeof issue?.path === "string" && typeof issue.message === "string" && !(issue.path in out)) out[issue.path] = issue.message;
    }
    return out;
  }
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers:
        init.body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError(0, "network", "Could not reach the server. Check your connection and try again.", null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic message.
  }
  if (!res.ok) {
    const err = (data as ErrorEnvelope | undefined)?.error;
    throw new ApiRequestError(
      res.status,
      typeof err?.code === "string" ? err.code : "http_" + res.status,
      typeof err?.message === "string" ? err.message : `The server answered ${res.status}.`,
      err?.details && typeof err.details === "object" ? (err.details as Record<string, unknown>) : null,
    );
  }
  return data as T;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}
