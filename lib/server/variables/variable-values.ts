import { ValidationError } from "@/lib/engine/errors";
import { Prisma } from "@/lib/server/db/generated/sqlite/client";

/** Names usable as `vars.<name>` in expressions. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** Largest JSON value a variable holds (lookup tables, not data sets). */
export const VARIABLE_MAX_BYTES = 1_000_000;

/**
 * A value as stored: plain JSON (what JSON.stringify keeps), within the size limit. `null`
 * is a value; `undefined` is not.
 */
export function variableJson(value: unknown): unknown {
  if (value === undefined) throw new ValidationError("A variable's value cannot be undefined; use null", { path: ["value"] });
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text, "utf8") > VARIABLE_MAX_BYTES) {
    throw new ValidationError(`A variable's value may be at most ${VARIABLE_MAX_BYTES / 1_000_000} MB of JSON`, { path: ["value"] });
  }
  return JSON.parse(text) as unknown;
}

/** A JSON value for a Json column: Prisma wants its JsonNull marker for a JSON `null`. */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value === null ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}
