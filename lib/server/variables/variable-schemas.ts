import { z } from "zod";

/** `PUT /variables/:name` body: `{ value }`, any JSON (null included). */
export const putVariableSchema = z
  .object({ value: z.unknown() })
  .strict()
  .refine((body) => "value" in body && body.value !== undefined, { error: "is required (any JSON value, null included)", path: ["value"] });
