import { z } from "zod";

export const credentialIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

const name = z
  .string({ error: "is required" })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(200, { error: "must be at most 200 characters" });
const data = z.record(z.string(), z.unknown(), { error: "must be an object of the credential type's fields" });

export const createCredentialSchema = z
  .object({
    type: z.string({ error: "is required" }).min(1, { error: "is required" }).max(200),
    name,
    data,
  })
  .strict();

/** Fields left out of `data` keep their stored value; that is how a secret stays unchanged. */
export const updateCredentialSchema = z.object({ name: name.optional(), data: data.optional() }).strict();

/** Testing a form before saving, or after editing it: the same merge rules as an update. */
export const testCredentialSchema = z.object({ data: data.optional() }).strict();

export const deleteCredentialQuerySchema = z.object({ force: z.enum(["true", "false", "1", "0"]).optional() });

export const testUnsavedCredentialSchema = z.object({ type: z.string({ error: "is required" }).min(1).max(200), data }).strict();
