import type { WebClientOptions } from "@slack/web-api";
import type { Logger } from "@/lib/engine/node-definition";

/**
 * What the Slack SDKs are handed instead of the global fetch: the node's fetch (dry-run
 * capture, SSRF guard) with the step's abort signal, remembering the last answer's status and
 * headers, which the SDKs' errors do not always carry (Retry-After on a webhook 429).
 */
export interface SdkTransport {
  fetch: typeof fetch;
  last(): { status: number; headers: Headers } | undefined;
}

export function sdkTransport(fetchFn: typeof fetch, signal: AbortSignal): SdkTransport {
  let last: { status: number; headers: Headers } | undefined;
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetchFn(input, { ...init, signal });
    last = { status: response.status, headers: response.headers };
    return response;
  };
  return { fetch: wrapped, last: () => last };
}

// Derived from the direct dependency rather than importing its transitive @slack/logger.
type SlackSdkLogger = NonNullable<WebClientOptions["logger"]>;
type LogLevel = ReturnType<SlackSdkLogger["getLevel"]>;

/** The SDK's logger interface, written to the run's logger (its debug chatter is dropped). */
export function sdkLogger(log: Logger | undefined): SlackSdkLogger {
  let level = "info" as LogLevel;
  const text = (parts: unknown[]): string => parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => log?.warn(`Slack SDK: ${text(msg)}`),
    error: (...msg: unknown[]) => log?.error(`Slack SDK: ${text(msg)}`),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
