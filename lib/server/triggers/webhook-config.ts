import { randomBytes } from "node:crypto";
import { z } from "zod";
import { credentialIdSchema } from "@/lib/server/credentials/credential-schemas";

/**
 * The `config` of a webhook trigger (Trigger.kind = "webhook"): which HTTP methods it takes,
 * how a request proves it comes from the sender, whether the caller gets `202 { runId }` at
 * once or the answer of a "Respond to webhook" node, the body-size limit, the per-hook rate
 * limit, and what of the request becomes the run's parameters.
 *
 * Secrets are never stored in the config: the three signed schemes name a credential of the
 * workspace (type `webhook.secret`), which the vault keeps encrypted.
 */

export const WEBHOOK_SECRET_CREDENTIAL_TYPE = "webhook.secret";

export const WEBHOOK_TRIGGER_METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE"] as const;
export type WebhookMethod = (typeof WEBHOOK_TRIGGER_METHODS)[number];

/** 1 MiB by default, like most webhook senders' own maximum payload; 10 MiB at most. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const MAX_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_WAIT_TIMEOUT_MS = 30_000;
export const MAX_WAIT_TIMEOUT_MS = 120_000;

const headerName = z
  .string()
  .trim()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, "Expected an HTTP header name, e.g. X-Webhook-Token")
  .transform((name) => name.toLowerCase());

const credentialId = credentialIdSchema.meta({
  title: "Secret",
  description: `A credential of type ${WEBHOOK_SECRET_CREDENTIAL_TYPE} in this workspace.`,
});

export const webhookVerificationSchema = z.discriminatedUnion("scheme", [
  z.object({ scheme: z.literal("none") }).strict(),
  /** Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature; 5-minute window. */
  z.object({ scheme: z.literal("standard-webhooks"), credentialId }).strict(),
  /** GitHub: X-Hub-Signature-256 = sha256=<hex HMAC of the raw body>. */
  z.object({ scheme: z.literal("github"), credentialId }).strict(),
  /** A shared token the sender puts in a header of its choice. */
  z.object({ scheme: z.literal("header-token"), header: headerName, credentialId }).strict(),
]);
export type WebhookVerification = z.output<typeof webhookVerificationSchema>;
export type WebhookScheme = WebhookVerification["scheme"];

export const webhookResponseSchema = z.discriminatedUnion("mode", [
  /** 202 { runId } as soon as the delivery is stored and the run submitted. */
  z.object({ mode: z.literal("async") }).strict(),
  /** Wait for the run; answer with its "Respond to webhook" node (or 504 after the timeout). */
  z
    .object({
      mode: z.literal("wait"),
      timeoutMs: z.number().int().min(100).max(MAX_WAIT_TIMEOUT_MS).default(DEFAULT_WAIT_TIMEOUT_MS),
    })
    .strict(),
]);
export type WebhookResponse = z.output<typeof webhookResponseSchema>;

/** A token bucket per hook: `burst` requests at once, refilled at `perSecond`. */
export const webhookRateLimitSchema = z
  .object({
    perSecond: z.number().positive().max(100_000),
    burst: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type WebhookRateLimit = z.output<typeof webhookRateLimitSchema>;

/**
 * What becomes the run's parameters:
 * - `body`: the parsed JSON (or form) body's fields, when it is an object;
 * - `query`: the query string's fields;
 * - `merge`: query fields, overridden by body fields;
 * - `none`: no parameters (the request is still in the trigger data, `trigger.webhook`).
 */
export const WEBHOOK_PARAM_SOURCES = ["body", "query", "merge", "none"] as const;
export type WebhookParamSource = (typeof WEBHOOK_PARAM_SOURCES)[number];

export const webhookConfigSchema = z
  .object({
    methods: z
      .array(z.enum(WEBHOOK_TRIGGER_METHODS))
      .min(1, "Allow at least one method")
      .default(["POST"])
      .transform((methods) => [...new Set(methods)]),
    verification: webhookVerificationSchema.default({ scheme: "none" }),
    response: webhookResponseSchema.default({ mode: "async" }),
    maxBodyBytes: z.number().int().min(1).max(MAX_MAX_BODY_BYTES).default(DEFAULT_MAX_BODY_BYTES),
    /** null: no limit of its own (the server's global limits still apply). */
    rateLimit: webhookRateLimitSchema.nullable().default({ perSecond: 100, burst: 200 }),
    params: z.enum(WEBHOOK_PARAM_SOURCES).default("body"),
  })
  .strict();

export type WebhookConfigInput = z.input<typeof webhookConfigSchema>;
export type WebhookConfig = z.output<typeof webhookConfigSchema>;

/** Parses a stored or submitted config; throws a ZodError naming the field. */
export function parseWebhookConfig(value: unknown): WebhookConfig {
  return webhookConfigSchema.parse(value ?? {});
}

/** The credential a config reads its secret from, if any (for usage checks and deletes). */
export function webhookCredentialId(config: WebhookConfig): string | undefined {
  return config.verification.scheme === "none" ? undefined : config.verification.credentialId;
}

/** 24 random bytes, base64url: 192 bits, so a hook URL cannot be guessed or enumerated. */
export function createHookId(): string {
  return randomBytes(24).toString("base64url");
}

export const hookIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "Expected a webhook id");

/** The public path of a hook; prefix it with the server's public URL for the full address. */
export function hookPath(hookId: string): string {
  return `/api/hooks/${hookId}`;
}
