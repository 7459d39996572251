import type { LogLevel } from "@/lib/engine/node-definition";

/** The validated configuration every server module reads instead of `process.env`. */
export interface AppConfig {
  env: "development" | "production" | "test";
  /** Absolute path of the directory holding the SQLite file and the generated secrets. */
  dataDir: string;
  /** Undefined means the embedded SQLite default in the data directory. */
  databaseUrl: string | undefined;
  /** The URL people open; next-auth builds its callback URLs from it. */
  publicUrl: string;
  authSecret: string;
  authSecretSource: "env" | "file";
  /** 32 bytes for AES-256-GCM. */
  encryptionKey: Buffer;
  encryptionKeySource: "env" | "file";
  /** The key file's path when the key came from it (a rotation rewrites that file). */
  encryptionKeyFile: string | undefined;
  /** Decrypt-only keys of earlier rotations (SWITCHYARD_ENCRYPTION_KEY_PREVIOUS). */
  previousEncryptionKeys: Buffer[];
  oauth: {
    github?: { clientId: string; clientSecret: string };
    google?: { clientId: string; clientSecret: string };
  };
  redisUrl: string | undefined;
  port: number;
  logLevel: LogLevel;
  /** Hosts the HTTP node may reach although they are private (SPEC §7). */
  allowPrivateHosts: string[];
  /** When false, only the first user and invited people can sign up. */
  allowSignup: boolean;
  /** Runtime limits and timings (docs/deploy.md); undefined means the runtime's default. */
  runtime: {
    concurrency?: number;
    heartbeatMs?: number;
    staleAfterMs?: number;
    shutdownGraceMs?: number;
    retentionSweepMs?: number;
  };
  /** Prefix of every Redis key of queue mode (default `switchyard`). */
  redisPrefix: string;
  /** Bearer token of GET /api/metrics; metrics are off without it. */
  metricsToken: string | undefined;
  /** Port of a queue-mode worker's GET /metrics (none when undefined). */
  workerMetricsPort: number | undefined;
}
