import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError } from "./app-error";
import { serverLogger } from "./logger";
import { validationError } from "./zod-details";

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> | null };
}

export function errorResponse(err: AppError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details ?? null } };
  return Response.json(body, { status: err.status, headers: { "Cache-Control": "no-store", ...err.headers } });
}

/** Prisma's known request errors carry a string code like P2002; matched without importing Prisma here. */
function prismaCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  const code = err.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/**
 * Maps anything thrown by a handler to the error envelope. Unknown errors are logged with a
 * reference and answered without their message or stack, which may hold internals.
 */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof AppError) return errorResponse(err);
  if (err instanceof ZodError) return errorResponse(validationError(err));
  const code = prismaCode(err);
  if (code === "P2002") return errorResponse(new AppError("conflict", "Something with the same unique value already exists."));
  if (code === "P2025") return errorResponse(new AppError("not_found", "The object was not found."));
  const reference = randomUUID().slice(0, 8);
  serverLogger().error("request failed", {
    reference,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  return errorResponse(new AppError("internal", `Something went wrong on our side (reference ${reference}).`));
}
