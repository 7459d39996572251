import { z } from "zod";

/** Loops answers, reduced to the fields the nodes read; the rest passes through. */

export const apiKeySchema = z.looseObject({ success: z.literal(true), teamName: z.string() });

export const contactIdSchema = z.looseObject({ success: z.literal(true), id: z.string() });

export const successSchema = z.looseObject({ success: z.literal(true) });

export const contactSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  source: z.string().nullish(),
  subscribed: z.boolean().optional(),
  userGroup: z.string().nullish(),
  userId: z.string().nullish(),
  mailingLists: z.record(z.string(), z.boolean()).optional(),
  optInStatus: z.string().nullish(),
});
export type LoopsContact = z.output<typeof contactSchema>;

export const contactListSchema = z.array(contactSchema);

/** Loops' error bodies: `{success:false, message}`, transactional `{path, message}` or `{error: {path, message}}`. */
export const loopsErrorSchema = z.looseObject({
  message: z.string().optional(),
  path: z.string().optional(),
  error: z.union([z.string(), z.looseObject({ path: z.string().optional(), message: z.string().optional() })]).optional(),
});
