import { z } from "zod";
import { flowDocumentSchema } from "@/lib/engine/flow-document";
import { RUN_STATES, STEP_STATES } from "@/lib/engine/states";

/**
 * The shapes the editor reads from the HTTP API (SPEC §9), parsed with zod: the server is a
 * boundary for the browser too. Times arrive as ISO strings or epoch milliseconds; both become ms.
 */

const time = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = typeof v === "number" ? v : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "is not a time" });
    return z.NEVER;
  }
  return ms;
});
const optionalTime = time.nullish().transform((v) => v ?? undefined);

export const userRefSchema = z.object({ id: z.string(), name: z.string().nullable(), email: z.string() });
export type UserRef = z.infer<typeof userRefSchema>;

export const flowDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  draft: flowDocumentSchema,
  draftRevision: z.number().int(),
  draftUpdatedAt: z.string(),
  draftUpdatedBy: userRefSchema.nullable().optional(),
  latestVersion: z.number().int(),
});
export type FlowDetail = z.infer<typeof flowDetailSchema>;

export const versionSummarySchema = z.object({
  version: z.number().int(),
  message: z.string().nullable(),
  author: userRefSchema.nullable(),
  createdAt: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const conflictDetailsSchema = z.object({
  currentRevision: z.number().int(),
  yourRevision: z.number().int().optional(),
  savedAt: z.string(),
  savedBy: userRefSchema.nullable(),
});
export type ConflictDetails = z.infer<typeof conflictDetailsSchema>;

export const serializedErrorSchema = z
  .object({
    name: z.string().optional(),
    message: z.string(),
    category: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export const attemptSchema = z
  .object({ attempt: z.number(), startedAt: time, finishedAt: time, error: serializedErrorSchema.optional().nullable() })
  .loose();

export const stepSchema = z
  .object({
    key: z.string(),
    nodeId: z.string(),
    mapIndex: z.number().nullish(),
    state: z.enum(STEP_STATES),
    input: z.unknown().optional(),
    output: z.unknown().optional(),
    ports: z.record(z.string(), z.unknown()).nullish(),
    error: serializedErrorSchema.nullish(),
    attempts: z.array(attemptSchema).default([]),
    startedAt: optionalTime,
    finishedAt: optionalTime,
  })
  .loose();
export type StepView = z.infer<typeof stepSchema>;

export const artifactSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("markdown"), title: z.string().nullish(), body: z.string() }),
  z.object({ kind: z.literal("table"), title: z.string().nullish(), columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
  z.object({ kind: z.literal("link"), title: z.string().nullish(), url: z.string(), label: z.string().nullish() }),
]);
export type ArtifactView = z.infer<typeof artifactSchema>;

/** An artifact record: `{ id, stepKey, artifact: {...} }` or flattened `{ id, stepKey, kind, ... }` / `{ kind, payload }`. */
export const artifactRecordSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const r = raw as Record<string, unknown>;
    if (r.artifact && typeof r.artifact === "object") return r;
    if (r.payload && typeof r.payload === "object") return { ...r, artifact: { kind: r.kind, title: r.title, ...r.payload } };
    return { ...r, artifact: r };
  },
  z.object({ id: z.string(), stepKey: z.string().optional(), createdAt: optionalTime, artifact: artifactSchema }).loose(),
);
export type ArtifactRecordView = z.infer<typeof artifactRecordSchema>;

export const logSchema = z
  .object({
    at: time,
    level: z.enum(["debug", "info", "warn", "error"]).catch("info"),
    message: z.string(),
    stepKey: z.string().nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();
export type LogView = z.infer<typeof logSchema>;

export const runSchema = z
  .object({
    id: z.string(),
    flowId: z.string().nullish(),
    flowVersion: z.number().nullish(),
    state: z.enum(RUN_STATES),
    params: z.record(z.string(), z.unknown()).default({}),
    dryRun: z.boolean().default(false),
    attempt: z.number().default(1),
    trigger: z.object({ kind: z.string() }).loose().optional(),
    createdAt: time,
    startedAt: optionalTime,
    finishedAt: optionalTime,
    error: serializedErrorSchema.nullish(),
    document: flowDocumentSchema.optional(),
  })
  .loose();
export type RunSummaryView = z.infer<typeof runSchema>;

export const runDetailSchema = z.preprocess(
  (raw) => (raw && typeof raw === "object" && "run" in raw ? raw.run : raw),
  runSchema.extend({
    steps: z.array(stepSchema).default([]),
    logs: z.array(logSchema).default([]),
    artifacts: z.array(artifactRecordSchema).default([]),
  }),
);
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runListSchema = z.preprocess(
  (raw) => (Array.isArray(raw) ? { runs: raw } : raw),
  z.object({ runs: z.array(runSchema), nextCursor: z.string().nullish() }).loose(),
);

export const credentialSummarySchema = z.object({ id: z.string(), name: z.string(), type: z.string() }).loose();
export type CredentialSummary = z.infer<typeof credentialSummarySchema>;
export const credentialListSchema = z.preprocess(
  (raw) => (Array.isArray(raw) ? { credentials: raw } : raw),
  z.object({ credentials: z.array(credentialSummarySchema) }).loose(),
);

export const variableListSchema = z.preprocess(
  (raw) => (Array.isArray(raw) ? { variables: raw } : raw),
  z.object({ variables: z.array(z.object({ name: z.string(), value: z.unknown().optional() }).loose()) }).loose(),
);
