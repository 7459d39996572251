import { z } from "zod";
import { flowIdRef, TRIGGER_KINDS, triggerParametersSchema } from "./trigger-config";

/** Request bodies and queries of the triggers API (SPEC §9). `config` is checked per kind by the service. */

const name = z.string({ error: "must be a string" }).trim().max(200, { error: "must be at most 200 characters" });

export const createTriggerSchema = z
  .object({
    flowId: flowIdRef,
    kind: z.enum(TRIGGER_KINDS, { error: 'must be "schedule", "webhook" or "flow-event"' }),
    name: name.optional(),
    config: z.unknown().optional(),
    parameters: triggerParametersSchema.optional(),
    paused: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict();

export const updateTriggerSchema = z
  .object({
    name: name.nullable().optional(),
    config: z.unknown().optional(),
    parameters: triggerParametersSchema.optional(),
  })
  .strict();

export const previewScheduleSchema = z.object({ config: z.unknown(), count: z.number().int().min(1).max(20).optional() }).strict();

export const triggerListQuerySchema = z
  .object({
    flowId: flowIdRef.optional(),
    kind: z.enum(TRIGGER_KINDS, { error: 'must be "schedule", "webhook" or "flow-event"' }).optional(),
  })
  .strict();

export const triggerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
