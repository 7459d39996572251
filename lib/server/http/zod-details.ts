import type { z } from "zod";
import { AppError } from "./app-error";

export interface FieldIssue {
  /** Dotted path of the field, e.g. `nodes.0.id`; empty for the whole value. */
  path: string;
  message: string;
  code: string;
}

export function fieldIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))].join("."),
    message: issue.message,
    code: issue.code,
  }));
}

/** A 400 whose message names the first wrong field and whose details list them all. */
export function validationError(error: z.ZodError, prefix: (string | number)[] = [], what = "request body"): AppError {
  const issues = fieldIssues(error, prefix);
  const first = issues[0];
  const where = first && first.path !== "" ? `\`${first.path}\` ${first.message}` : (first?.message ?? "is invalid");
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError("validation_failed", `Invalid ${what}: ${where}${more}.`, { details: { issues } });
}

/** Parses `value` or throws the 400 above. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = "request body"): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, [], what);
  return result.data;
}
