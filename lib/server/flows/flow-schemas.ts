import { z } from "zod";
import { FLOW_SCHEMA_ID, flowDocumentSchema } from "@/lib/engine/flow-document";

/** Flow documents may be large (many nodes with long configs); the body cap is set here. */
export const FLOW_BODY_LIMIT = 5_000_000;

const flowName = z
  .string({ error: "is required" })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(200, { error: "must be at most 200 characters" });
const revision = z.number({ error: "must be the draftRevision you loaded" }).int().min(1);
const versionMessage = z.string().trim().max(500, { error: "must be at most 500 characters" });

/**
 * POST /flows accepts a flow document as the body (SPEC §9), `{ document }`, or just
 * `{ name, description? }` for an empty flow.
 */
export const createFlowSchema = z.preprocess(
  (body) =>
    typeof body === "object" && body !== null && (body as { schema?: unknown }).schema === FLOW_SCHEMA_ID ? { document: body } : body,
  z
    .object({ document: flowDocumentSchema.optional(), name: flowName.optional(), description: z.string().max(2000).optional() })
    .strict()
    .refine((v) => v.document !== undefined || v.name !== undefined, {
      error: "send a flow document, or a `name` for an empty flow",
      path: ["name"],
    }),
);

export const saveDraftSchema = z
  .object({
    document: flowDocumentSchema,
    draftRevision: revision,
    /** When present, the saved draft also becomes a new version with this message. */
    versionMessage: versionMessage.optional(),
  })
  .strict();

export const createVersionSchema = z.object({ message: versionMessage.optional(), draftRevision: revision.optional() }).strict();

export const restoreVersionSchema = z.object({ draftRevision: revision.optional() }).strict();

export const versionListQuerySchema = z.object({
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  before: z.coerce.number<string>().int().min(1).optional(),
});

export const flowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
export const versionNumberSchema = z.coerce.number<string>().int().min(1).max(1_000_000_000);
