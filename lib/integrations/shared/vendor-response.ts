import type { z } from "zod";
import { NonRetryableError } from "@/lib/engine/errors";

/**
 * Checks a vendor's successful answer against the fields we use. A shape we cannot read is
 * not retried: the same request would get the same answer.
 */
export function parseVendorResponse<S extends z.ZodType>(schema: S, data: unknown, context: { vendor: string; what: string }): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  return unreadable(context, `${issue?.message ?? "invalid"}${where}`);
}

function unreadable(context: { vendor: string; what: string }, reason: string): never {
  throw new NonRetryableError(`${context.vendor} answered ${context.what} with an unexpected shape (${reason})`, {
    details: { vendor: context.vendor },
  });
}
