import path from "node:path";
import { ENV_NAMES, envSchema } from "./env-schema";
import type { AppConfig } from "./app-config";
import { ensureSecretFile, readSecretFile, secretFilePath, type SecretName } from "./secret-files";
import { SECRET_HINT, decodeEncryptionKey, weakSecretReason } from "./secret-strength";

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  /** Directory that relative paths (the data directory) are resolved against. */
  cwd?: string;
  /**
   * Create missing secrets in the data directory. The start script does it; a production
   * server started any other way must find them (or the environment variables) instead.
   */
  generateSecrets?: boolean;
}

export type LoadConfigResult =
  { ok: true; config: AppConfig; warnings: string[]; generated: string[] } | { ok: false; errors: string[]; warnings: string[] };

/** Validates the environment; every problem becomes one line naming its variable. */
export function loadConfig(options: LoadConfigOptions = {}): LoadConfigResult {
  const source = options.env ?? process.env;
  const raw = Object.fromEntries(ENV_NAMES.map((name) => [name, source[name]]));
  const parsed = envSchema.safeParse(raw);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${issue.path.join(".") || "environment"}: ${issue.message}`);
    return { ok: false, errors, warnings };
  }
  const env = parsed.data;
  const production = env.NODE_ENV === "production";
  const dataDir = path.resolve(options.cwd ?? process.cwd(), env.SWITCHYARD_DATA_DIR ?? "data");
  const generate = options.generateSecrets ?? !production;
  const generated: string[] = [];

  const fromFile = (name: SecretName, variable: string): string | undefined => {
    if (generate) {
      try {
        const { value, created } = ensureSecretFile(dataDir, name);
        if (created) generated.push(secretFilePath(dataDir, name));
        return value;
      } catch (err) {
        errors.push(`${variable}: not set, and ${secretFilePath(dataDir, name)} could not be created (${(err as Error).message})`);
        return undefined;
      }
    }
    const value = readSecretFile(dataDir, name);
    if (value === undefined) {
      errors.push(
        `${variable}: not set and ${secretFilePath(dataDir, name)} does not exist; set it (${SECRET_HINT}) or start with \`npm start\`, which generates it`,
      );
    }
    return value;
  };

  // Auth secret: from the environment, else the generated file. Never a built-in default.
  const envSecret = env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  const secretVar =
    env.NEXTAUTH_SECRET !== undefined ? "NEXTAUTH_SECRET" : env.AUTH_SECRET !== undefined ? "AUTH_SECRET" : "NEXTAUTH_SECRET";
  const authSecret = envSecret ?? fromFile("authSecret", secretVar);
  if (authSecret !== undefined) {
    const weak = weakSecretReason(authSecret);
    if (weak !== undefined) {
      const line = `${secretVar}: ${weak}; ${SECRET_HINT}`;
      if (production) errors.push(line);
      else warnings.push(line);
    }
  }

  const envKey = env.SWITCHYARD_ENCRYPTION_KEY;
  const keyText = envKey ?? fromFile("encryptionKey", "SWITCHYARD_ENCRYPTION_KEY");
  const encryptionKey = keyText === undefined ? undefined : decodeEncryptionKey(keyText);
  if (keyText !== undefined && encryptionKey === undefined) {
    errors.push(
      envKey !== undefined
        ? `SWITCHYARD_ENCRYPTION_KEY: must be 32 bytes encoded as base64 (${SECRET_HINT})`
        : `SWITCHYARD_ENCRYPTION_KEY: ${secretFilePath(dataDir, "encryptionKey")} does not hold 32 bytes of base64`,
    );
  }

  const previousEncryptionKeys: Buffer[] = [];
  for (const [i, text] of (env.SWITCHYARD_ENCRYPTION_KEY_PREVIOUS ?? "").split(",").entries()) {
    if (text.trim() === "") continue;
    const key = decodeEncryptionKey(text);
    if (key) previousEncryptionKeys.push(key);
    else errors.push(`SWITCHYARD_ENCRYPTION_KEY_PREVIOUS: entry ${i + 1} is not 32 bytes encoded as base64`);
  }

  const pair = (idName: string, secretName: string, id: string | undefined, secret: string | undefined) => {
    if (id !== undefined && secret === undefined) errors.push(`${secretName}: is required when ${idName} is set`);
    if (id === undefined && secret !== undefined) errors.push(`${idName}: is required when ${secretName} is set`);
    return id !== undefined && secret !== undefined ? { clientId: id, clientSecret: secret } : undefined;
  };
  const github = pair("GITHUB_ID", "GITHUB_SECRET", env.GITHUB_ID, env.GITHUB_SECRET);
  const google = pair("GOOGLE_ID", "GOOGLE_SECRET", env.GOOGLE_ID, env.GOOGLE_SECRET);

  const publicUrl = (env.NEXTAUTH_URL ?? env.AUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  if (production && publicUrl.startsWith("http://") && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(publicUrl)) {
    warnings.push("NEXTAUTH_URL: is plain http on a public host; session cookies are only marked Secure behind https");
  }
  if (env.REDIS_URL !== undefined && (env.DATABASE_URL === undefined || env.DATABASE_URL.startsWith("file:"))) {
    warnings.push("REDIS_URL: queue mode needs a database every process shares; set DATABASE_URL to PostgreSQL as well");
  }

  if (errors.length > 0 || authSecret === undefined || encryptionKey === undefined) return { ok: false, errors, warnings };
  const config: AppConfig = {
    env: env.NODE_ENV,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    publicUrl,
    authSecret,
    authSecretSource: envSecret !== undefined ? "env" : "file",
    encryptionKey,
    encryptionKeySource: envKey !== undefined ? "env" : "file",
    encryptionKeyFile: envKey !== undefined ? undefined : secretFilePath(dataDir, "encryptionKey"),
    previousEncryptionKeys,
    oauth: { ...(github ? { github } : {}), ...(google ? { google } : {}) },
    redisUrl: env.REDIS_URL,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    allowPrivateHosts: env.SWITCHYARD_ALLOW_PRIVATE_HOSTS,
    allowSignup: env.SWITCHYARD_ALLOW_SIGNUP,
    runtime: {
      concurrency: env.SWITCHYARD_RUN_CONCURRENCY,
      heartbeatMs: env.SWITCHYARD_HEARTBEAT_MS,
      staleAfterMs: env.SWITCHYARD_STALE_AFTER_MS,
      shutdownGraceMs: env.SWITCHYARD_SHUTDOWN_GRACE_MS,
      retentionSweepMs: env.SWITCHYARD_RETENTION_SWEEP_MS,
    },
    redisPrefix: env.SWITCHYARD_REDIS_PREFIX ?? "switchyard",
    metricsToken: env.SWITCHYARD_METRICS_TOKEN,
    workerMetricsPort: env.SWITCHYARD_WORKER_METRICS_PORT,
  };
  return { ok: true, config, warnings, generated };
}

/** Thrown by getConfig(); `lines` holds one message per wrong variable. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(`Invalid configuration:\n${lines.map((l) => `  - ${l}`).join("\n")}`);
    this.name = "ConfigError";
  }
}
