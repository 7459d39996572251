import { z } from "zod";
import { RUN_STATES } from "@/lib/engine/states";

export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
  .max(200);

/**
 * `POST /flows/:flowId/runs`. `version` picks what runs: a version number, `"latest"` (the
 * default: the latest saved version, or the draft when none was saved) or `"draft"` (what
 * the editor shows).
 */
export const startRunSchema = z
  .object({
    parameters: z.record(z.string(), z.unknown(), { error: "must be an object" }).default({}),
    dryRun: z.boolean({ error: "must be true or false" }).default(false),
    version: z
      .union([z.literal("latest"), z.literal("draft"), z.number().int().min(1)], { error: 'must be a version number, "latest" or "draft"' })
      .default("latest"),
  })
  .strict();

const boolText = z.enum(["true", "false"]).transform((v) => v === "true");

export const runListQuerySchema = z.object({
  state: z
    .string()
    .transform((v) => v.split(",").filter((s) => s !== ""))
    .pipe(z.array(z.enum(RUN_STATES, { error: `must be one or more of ${RUN_STATES.join(", ")}` })))
    .optional(),
  since: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: "must be a date and time (ISO 8601)" })
    .transform((v) => new Date(v))
    .optional(),
  dryRun: boolText.optional(),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const testNodeSchema = z
  .object({
    input: z.unknown().optional(),
    config: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
    upstream: z.record(z.string(), z.unknown(), { error: "must be an object keyed by node id" }).optional(),
    params: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
    dryRun: z.boolean({ error: "must be true or false" }).default(false),
  })
  .strict();

export const eventsQuerySchema = z.object({ after: z.coerce.number<string>().int().min(0).optional() });
