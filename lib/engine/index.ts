/** Public surface of the interpreter: contracts, the engine and its in-memory parts. */
export * from "./flow-document";
export * from "./node-definition";
export * from "./credential-definition";
export * from "./errors";
export * from "./states";
export * from "./run-store";
export * from "./engine-api";

export { createRegistry } from "./registry";
export { validateFlow, type ValidationProblem, type ValidationResult } from "./validate";
export { createEngine } from "./engine";
export { createMemoryRunStore, type MemoryRunStore } from "./memory-run-store";
export { systemClock, createFakeClock, type FakeClock } from "./clock";
export { createLogger, stdoutWriter, silentWriter, type LoggerOptions, type LogWriter, type LogRecord } from "./logger";
