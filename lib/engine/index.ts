/** Public surface of the interpreter: contracts, the engine and its in-memory parts. */
export * from "./flow-document";
export * from "./node-definition";
export * from "./credential-definition";
export * from "./errors";
export * from "./states";
export * from "./run-store";
export * from "./engine-api";

export { createRegistry, DuplicateNodeTypeError } from "./registry";
export { validateFlow, FlowValidationError, type ValidationProblem, type ValidationResult } from "./validate";
export { createEngine } from "./engine";
export { createMemoryRunStore, type MemoryRunStore } from "./memory-run-store";
export { createMemoryVariableStore } from "./memory-variables";
export { createMemoryLimitBackend } from "./limits";
export { createMemoryBreakerBackend } from "./breaker";
export { systemClock, createFakeClock, type FakeClock } from "./clock";
export { createLogger, stdoutWriter, silentWriter, type LoggerOptions, type LogWriter, type LogRecord } from "./logger";
export { retryVerdict, backoffDelay, type RetryPolicy, type RetryVerdict } from "./retry";
export { cacheKey, stableStringify } from "./cache-key";
export { createRedactor, REDACTED, type Redactor } from "./redact";
export {
  compileTemplate,
  evaluateTemplate,
  evaluateExpression,
  checkTemplateRoots,
  hasTemplate,
  ExpressionError,
  EXPRESSION_ROOTS,
  type ExpressionScope,
  type ExpressionSite,
  type CompiledTemplate,
} from "./expressions";
export { parseTemplate, type TemplatePart, type ParsedTemplate } from "./expression-template";
export { type CapturedRequest } from "./step-context";
export { type ElementError } from "./map-step";
