import { z } from "zod";

const ref = z.string().trim().min(1, { error: "must not be empty" }).max(100, { error: "must be at most 100 characters" });

/**
 * `POST /api/w/:ws/templates`: which template, the credential picked for each of its slots and
 * the value of each of its settings. Slots and settings are checked against the template in
 * the service, so a missing one is a 400 naming it.
 */
export const createFromTemplateSchema = z
  .object({
    templateId: z.string({ error: "is required" }).regex(/^[a-z0-9-]{1,100}$/, { error: "must be a template id such as lead-opt-in" }),
    name: z.string().trim().max(200, { error: "must be at most 200 characters" }).optional(),
    credentials: z.record(z.string().max(100), ref, { error: "must map each credential slot to a credential id" }).default({}),
    settings: z.record(z.string().max(100), z.string().max(2000, { error: "must be at most 2000 characters" })).default({}),
  })
  .strict();
export type CreateFromTemplateInput = z.output<typeof createFromTemplateSchema>;
