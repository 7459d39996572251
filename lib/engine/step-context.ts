import { AuthError } from "./errors";
import type {
  ArtifactInput,
  Clock,
  Logger,
  LogLevel,
  NodeContext,
  ResolvedCredential,
  RunInfo,
  SubflowResult,
  VariableAccess,
} from "./node-definition";
import type { StepHost } from "./step-host";

/** The request a side-effect node would have sent, captured in a dry run. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Thrown by `ctx.fetch` in a dry run after capturing; the step runner turns it into `dry-run`. */
export class DryRunCapture extends Error {
  constructor(readonly request: CapturedRequest) {
    super("Dry run: request captured, not sent");
    this.name = "DryRunCapture";
  }
}

function headersToRecord(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  new Headers(headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function bodyOf(body: BodyInit | null | undefined, headers: Record<string, string>): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") {
    if ((headers["content-type"] ?? "").includes("json")) {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return body;
      }
    }
    return body;
  }
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return `[${body.byteLength} bytes]`;
  return `[${Object.prototype.toString.call(body).slice(8, -1)}]`;
}

export function describeRequest(input: RequestInfo | URL, init?: RequestInit): CapturedRequest {
  const request = typeof input === "string" || input instanceof URL ? undefined : input;
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
  const headers = { ...(request ? headersToRecord(request.headers) : {}), ...headersToRecord(init?.headers) };
  return { method, url, headers, body: bodyOf(init?.body, headers) };
}

/**
 * The `ctx` a node's `run` receives. Built per attempt, so its parts are cheap: the logger and
 * fetch are made on first use.
 */
export class StepContext implements NodeContext {
  /** First request captured in a dry run (also when the node swallowed the capture error). */
  captured: CapturedRequest | undefined;
  private logInstance: Logger | undefined;
  private fetchInstance: typeof fetch | undefined;
  private varsInstance: VariableAccess | undefined;

  constructor(
    private readonly host: StepHost,
    readonly nodeId: string,
    readonly stepKey: string,
    readonly attempt: number,
    readonly mapIndex: number | undefined,
    readonly signal: AbortSignal,
    readonly inputs: Readonly<Record<string, unknown>>,
    private readonly credentialId: string | undefined,
    /** Dry run of a side-effect node: nothing leaves the process. */
    private readonly capture: boolean,
  ) {}

  get run(): RunInfo {
    return this.host.runInfo;
  }
  get clock(): Clock {
    return this.host.clock;
  }
  get dryRun(): boolean {
    return this.host.runInfo.dryRun;
  }
  get params(): Readonly<Record<string, unknown>> {
    return this.host.params;
  }

  get log(): Logger {
    return (this.logInstance ??= stepLogger(this.host, this.stepKey, this.attempt));
  }

  get fetch(): typeof fetch {
    if (this.fetchInstance) return this.fetchInstance;
    const base = this.host.fetch;
    const signal = this.signal;
    this.fetchInstance = this.capture
      ? (input, init) => {
          const request = describeRequest(input, init);
          this.captured ??= request;
          return Promise.reject(new DryRunCapture(request));
        }
      : (input, init) => base(input, init?.signal ? init : { ...init, signal });
    return this.fetchInstance;
  }

  get vars(): VariableAccess {
    if (this.varsInstance) return this.varsInstance;
    const vars = this.host.vars;
    this.varsInstance = this.capture
      ? {
          get: (name) => vars.get(name),
          set: (name, value) => {
            this.captured ??= { method: "SET", url: `var:${name}`, headers: {}, body: value };
            return Promise.resolve();
          },
        }
      : vars;
    return this.varsInstance;
  }

  credential(): Promise<ResolvedCredential> {
    if (!this.credentialId) return Promise.reject(new AuthError(`Node "${this.nodeId}" has no credential`));
    return this.host.credential(this.credentialId);
  }

  artifact(artifact: ArtifactInput): void {
    this.host.saveArtifact(this.stepKey, artifact);
  }

  runFlow(flowRef: string, params: Record<string, unknown>): Promise<SubflowResult> {
    return this.host.runFlow(flowRef, params, this.signal, { stepKey: this.stepKey, attempt: this.attempt });
  }
}

/** A node's logger: structured lines through the engine's logger and `log` events, both redacted. */
function stepLogger(host: StepHost, stepKey: string, attempt: number): Logger {
  const base = host.logger.child({ stepKey, attempt });
  const make = (bindings: Record<string, unknown>): Logger => {
    const target = Object.keys(bindings).length > 0 ? base.child(bindings) : base;
    const log = (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
      const m = host.redactor.redactText(message);
      const d = data === undefined ? undefined : host.redactor.redact({ ...bindings, ...data });
      target.log(level, m, d);
      host.emit({ type: "log", runId: host.runId, at: host.clock.now(), level, message: m, stepKey, data: d });
    };
    return {
      log,
      debug: (m, d) => log("debug", m, d),
      info: (m, d) => log("info", m, d),
      warn: (m, d) => log("warn", m, d),
      error: (m, d) => log("error", m, d),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}
