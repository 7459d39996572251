import type { LogLevel, Logger } from "./node-definition";

export type LogWriter = (line: string) => void;

export interface LogRecord {
  time: string;
  level: LogLevel;
  runId?: string;
  stepKey?: string;
  attempt?: number;
  message: string;
  data?: Record<string, unknown>;
  [binding: string]: unknown;
}

export interface LoggerOptions {
  /** Receives one JSON line per record (newline included). Defaults to standard output. */
  write?: LogWriter;
  /** Records below this level are dropped. Default `info`. */
  level?: LogLevel;
  /** Fields carried by every record (runId, stepKey, attempt, …). */
  bindings?: Record<string, unknown>;
  now?: () => number;
  /** Applied to message and data before writing (secret redaction). */
  redact?: (value: unknown) => unknown;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The process's standard output when there is one (Node); silent elsewhere (browser). */
export const stdoutWriter: LogWriter = (line) => {
  const proc = (globalThis as { process?: { stdout?: { write(s: string): unknown } } }).process;
  proc?.stdout?.write(line);
};

export const silentWriter: LogWriter = () => {};

/**
 * Structured logger, object first: one JSON line with time, level, the bindings (run, step,
 * attempt) then message and data. Library code never writes to the console; the writer is
 * injected so the CLI, the server and tests each decide where lines go.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? stdoutWriter;
  const min = LEVELS[options.level ?? "info"];
  const now = options.now ?? Date.now;
  const redact = options.redact;

  const make = (bindings: Record<string, unknown>): Logger => {
    const log = (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
      if (LEVELS[level] < min) return;
      const record: LogRecord = { time: new Date(now()).toISOString(), level, ...bindings, message };
      if (data !== undefined) record.data = data;
      const out = redact ? (redact(record) as LogRecord) : record;
      let line: string;
      try {
        line = JSON.stringify(out);
      } catch {
        line = JSON.stringify({ ...out, data: "[unserialisable]" });
      }
      write(line + "\n");
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
  return make(options.bindings ?? {});
}
