import { z } from "zod";

/**
 * Every environment variable Switchyard reads, with its rule. `.env.example` lists the same
 * names; a test keeps the two in step.
 */

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["true", "false", "1", "0", "yes", "no", "on", "off", ""].includes(v), "must be true or false")
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http(s) URL such as https://switchyard.example.com");

const optionalUrl = z.union([z.literal("").transform(() => undefined), httpUrl]).optional();

/** An optional whole number in [min, max]; undefined when unset or empty (the default applies). */
const boundedInt = (min: number, max: number) =>
  z.union([z.literal("").transform(() => undefined), z.coerce.number<string>().int().min(min).max(max)]).optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .union([
      z.literal("").transform(() => undefined),
      z
        .string()
        .trim()
        .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)"),
    ])
    .optional(),
  NEXTAUTH_URL: optionalUrl,
  AUTH_URL: optionalUrl,
  NEXTAUTH_SECRET: optionalText,
  AUTH_SECRET: optionalText,
  SWITCHYARD_ENCRYPTION_KEY: optionalText,
  SWITCHYARD_ENCRYPTION_KEY_PREVIOUS: optionalText,
  SWITCHYARD_DATA_DIR: optionalText,
  GITHUB_ID: optionalText,
  GITHUB_SECRET: optionalText,
  GOOGLE_ID: optionalText,
  GOOGLE_SECRET: optionalText,
  REDIS_URL: z
    .union([
      z.literal("").transform(() => undefined),
      z
        .string()
        .trim()
        .regex(/^rediss?:\/\//, "must start with redis:// or rediss://"),
    ])
    .optional(),
  PORT: z
    .union([z.literal("").transform(() => undefined), z.coerce.number<string>().int().min(1).max(65_535)])
    .optional()
    .transform((v) => v ?? 3000),
  LOG_LEVEL: z
    .union([z.literal("").transform(() => undefined), z.enum(["debug", "info", "warn", "error"])])
    .optional()
    .transform((v) => v ?? "info"),
  SWITCHYARD_ALLOW_PRIVATE_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .refine(
      (hosts) => hosts.every((h) => /^[A-Za-z0-9.:_/*[\]-]+$/.test(h)),
      "must be a comma-separated list of host names, IPs or CIDR ranges",
    ),
  SWITCHYARD_ALLOW_SIGNUP: booleanFlag.optional().transform((v) => v ?? true),
  // Runtime and queue mode (docs/deploy.md). Milliseconds unless the name says otherwise.
  SWITCHYARD_RUN_CONCURRENCY: boundedInt(1, 1000),
  SWITCHYARD_HEARTBEAT_MS: boundedInt(50, 600_000),
  SWITCHYARD_STALE_AFTER_MS: boundedInt(200, 3_600_000),
  SWITCHYARD_SHUTDOWN_GRACE_MS: boundedInt(0, 3_600_000),
  SWITCHYARD_REDIS_PREFIX: z
    .union([
      z.literal("").transform(() => undefined),
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9:_.-]{1,64}$/, "must be 1-64 letters, digits, : _ . or -"),
    ])
    .optional(),
  SWITCHYARD_METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, "must be at least 16 characters"),
  SWITCHYARD_RETENTION_SWEEP_MS: boundedInt(1_000, 86_400_000),
  SWITCHYARD_WORKER_METRICS_PORT: boundedInt(1, 65_535),
});

export type Env = z.infer<typeof envSchema>;

/** The names above, for the `.env.example` check and for messages. */
export const ENV_NAMES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];
