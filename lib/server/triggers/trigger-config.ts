import { z } from "zod";
import { scheduleConfigSchema } from "./schedule-config";
import { webhookConfigSchema } from "./webhook-config";

/**
 * The kinds of stored triggers (Trigger.kind) and the `config` of each. Manual runs need no
 * trigger row. Every kind may carry `parameters`: fixed values for the run's parameters,
 * checked against the flow's `parameters` when the trigger is saved.
 */

export const TRIGGER_KINDS = ["schedule", "webhook", "flow-event"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const FLOW_EVENT_OUTCOMES = ["failed", "completed", "both"] as const;
export type FlowEventOutcome = (typeof FLOW_EVENT_OUTCOMES)[number];

export const flowIdRef = z.string({ error: "is required" }).regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "must be a flow id" });

export const flowEventConfigSchema = z
  .object({
    /** The flow whose finished runs start this trigger's flow. */
    sourceFlowId: flowIdRef,
    /** `failed` also covers crashed runs; cancelled runs start nothing. */
    on: z.enum(FLOW_EVENT_OUTCOMES, { error: "must be failed, completed or both" }).default("failed"),
  })
  .strict();
export type FlowEventConfig = z.output<typeof flowEventConfigSchema>;

export const triggerParametersSchema = z.record(z.string(), z.unknown(), { error: "must be an object of parameter values" });

export const TRIGGER_CONFIG_SCHEMAS = {
  schedule: scheduleConfigSchema,
  webhook: webhookConfigSchema,
  "flow-event": flowEventConfigSchema,
} as const satisfies Record<TriggerKind, z.ZodType>;

export type TriggerConfigOf<K extends TriggerKind> = z.output<(typeof TRIGGER_CONFIG_SCHEMAS)[K]>;

/** What a trigger row's `config` column holds: the kind's config plus the parameter overrides. */
export interface StoredTriggerConfig<K extends TriggerKind = TriggerKind> {
  config: TriggerConfigOf<K>;
  parameters: Record<string, unknown>;
}

/** Reads a row's config column; a row that no longer fits throws (logged by callers, never served raw). */
export function readStoredConfig<K extends TriggerKind>(kind: K, stored: unknown): StoredTriggerConfig<K> {
  const { parameters, ...config } = z.object({ parameters: triggerParametersSchema.optional() }).loose().parse(stored);
  return { config: TRIGGER_CONFIG_SCHEMAS[kind].parse(config) as TriggerConfigOf<K>, parameters: parameters ?? {} };
}

export function isTriggerKind(value: string): value is TriggerKind {
  return (TRIGGER_KINDS as readonly string[]).includes(value);
}
