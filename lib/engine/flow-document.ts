import { z } from "zod";

/**
 * The flow document (SPEC §2): the one JSON shape a flow is stored, exported, imported and
 * versioned as. This schema checks shape only; graph rules (unique ids, edges to existing
 * ports, no cycles, known types, config per type, expressions) live in validate.ts.
 */

export const FLOW_SCHEMA_ID = "switchyard.flow/v1";

export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export const RETRY_ON = ["rate_limited", "network", "server_error", "timeout", "unknown"] as const;
export type RetryOn = (typeof RETRY_ON)[number];

export const parameterSchema = z
  .object({
    type: z.enum(["string", "number", "integer", "boolean", "object", "array"]),
    format: z.enum(["email", "date", "date-time", "url", "textarea"]).optional(),
    required: z.boolean().optional(),
    description: z.string().optional(),
    default: z.unknown().optional(),
    enum: z.array(z.union([z.string(), z.number()])).optional(),
  })
  .strict();
export type ParameterSpec = z.infer<typeof parameterSchema>;

export const nodeSettingsSchema = z
  .object({
    retries: z.number().int().min(0).max(50),
    retryDelaySeconds: z.number().min(0).max(86_400),
    backoff: z.enum(["fixed", "exponential"]),
    jitter: z.number().min(0).max(1),
    retryOn: z.array(z.enum(RETRY_ON)),
    timeoutSeconds: z.number().positive().max(86_400),
    cache: z.object({ policy: z.enum(["none", "inputs"]), ttlSeconds: z.number().positive() }).strict(),
    onError: z.enum(["fail", "continue", "route"]),
    mapOver: z.string(),
    mapConcurrency: z.number().int().min(1).max(1000),
    rateLimit: z.object({ key: z.string().min(1), perSecond: z.number().positive() }).strict(),
    concurrency: z.object({ key: z.string().min(1), limit: z.number().int().min(1) }).strict(),
    circuitBreaker: z.object({ failureThreshold: z.number().int().min(1), cooldownSeconds: z.number().positive() }).strict(),
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type NodeSettings = z.infer<typeof nodeSettingsSchema>;

export const flowNodeSchema = z
  .object({
    id: z.string().regex(NODE_ID_PATTERN, "must start with a letter and hold only letters, digits and _"),
    type: z.string().min(1),
    typeVersion: z.number().int().min(1),
    label: z.string().optional(),
    notes: z.string().optional(),
    position: z.object({ x: z.number(), y: z.number() }).strict(),
    credential: z.string().optional(),
    config: z.record(z.string(), z.unknown()),
    settings: nodeSettingsSchema.optional(),
  })
  .strict();
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const flowEdgeSchema = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    sourcePort: z.string().min(1),
    target: z.string().min(1),
    targetPort: z.string().min(1),
  })
  .strict();
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

const hookSchema = z.union([z.object({ notify: z.string().min(1) }).strict(), z.object({ runFlow: z.string().min(1) }).strict()]);
export type FlowHook = z.infer<typeof hookSchema>;

export const flowSettingsSchema = z
  .object({
    timeoutSeconds: z
      .number()
      .positive()
      .max(7 * 86_400),
    maxConcurrentRuns: z.number().int().min(1).max(10_000),
    idempotencyKey: z.string(),
    onFailure: z.array(hookSchema),
    onCompletion: z.array(hookSchema),
  })
  .partial()
  .strict();
export type FlowSettings = z.infer<typeof flowSettingsSchema>;

/** Canvas-only decorations (sticky notes, groups); the engine ignores them but they round-trip. */
export const flowAnnotationSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(["note", "group"]),
    position: z.object({ x: z.number(), y: z.number() }).strict(),
    size: z.object({ width: z.number(), height: z.number() }).strict().optional(),
    text: z.string().optional(),
    color: z.string().optional(),
    nodes: z.array(z.string()).optional(),
  })
  .strict();

export const flowDocumentSchema = z
  .object({
    schema: z.literal(FLOW_SCHEMA_ID),
    name: z.string().min(1).max(200),
    description: z.string().optional(),
    parameters: z.record(z.string(), parameterSchema).optional(),
    nodes: z.array(flowNodeSchema),
    edges: z.array(flowEdgeSchema),
    settings: flowSettingsSchema.optional(),
    annotations: z.array(flowAnnotationSchema).optional(),
  })
  .strict();
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
