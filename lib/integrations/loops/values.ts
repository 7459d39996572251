import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { LOOPS_LIMITS } from "./constants";

/** Checks on values Loops would refuse, run before sending so the error names the field. */

type Path = readonly (string | number)[];

export function checkLength(value: string, path: Path): string {
  if (value.length > LOOPS_LIMITS.stringValue) {
    throw new ValidationError(`${path.join(".")}: Loops accepts at most ${LOOPS_LIMITS.stringValue} characters (got ${value.length})`, {
      path,
    });
  }
  return value;
}

/** Contact property values are strings, numbers, booleans or null (null clears). */
export function contactPropertyValue(value: unknown, path: Path): string | number | boolean | null {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") return checkLength(value, path);
  throw new ValidationError(`${path.join(".")}: Loops contact properties hold text, numbers, true/false or null, not ${describe(value)}`, {
    path,
  });
}

/** Event properties are strings, numbers or booleans (dates as ISO text). */
export function eventPropertyValue(value: unknown, path: Path): string | number | boolean {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") return checkLength(value, path);
  throw new ValidationError(`${path.join(".")}: Loops event properties hold text, numbers or true/false, not ${describe(value)}`, { path });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

export const emailField = z
  .email({ error: "must be an email address" })
  .meta({ title: "Email", description: "The contact's email address.", widget: "expression" });

export const mailingListsField = z
  .record(z.string().min(1), z.boolean())
  .optional()
  .meta({ title: "Mailing lists", description: "Mailing list id → true to subscribe, false to unsubscribe.", widget: "keyvalue" });

/** Exactly one of email / userId, for the endpoints that look a contact up. */
export function oneIdentifier(config: { email?: string; userId?: string }): { email: string } | { userId: string } {
  const email = config.email?.trim() || undefined;
  const userId = config.userId?.trim() || undefined;
  if (email && userId) throw new ValidationError("Give either the email or the user id, not both", { path: ["userId"] });
  if (email) return { email };
  if (userId) return { userId };
  throw new ValidationError("Give the contact's email or user id", { path: ["email"] });
}
