import { createLogger } from "@/lib/engine/logger";
import type { LogLevel, Logger } from "@/lib/engine/node-definition";

const LEVELS = new Set<string>(["debug", "info", "warn", "error"]);

let logger: Logger | undefined;

/** The web process's structured logger (JSON lines on standard output). */
export function serverLogger(): Logger {
  if (!logger) {
    const level = process.env.LOG_LEVEL ?? "info";
    logger = createLogger({ level: LEVELS.has(level) ? (level as LogLevel) : "info", bindings: { component: "web" } });
  }
  return logger;
}
