import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/server/config/load-config";
import { ENV_NAMES } from "@/lib/server/config/env-schema";

const STRONG = "Qm9vdHN0cmFwLXNlY3JldC1mb3ItdGVzdHMtb25seS0xMjM0";
const KEY = Buffer.alloc(32, 7).toString("base64");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "switchyard-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = (env: Record<string, string | undefined>, generateSecrets?: boolean) =>
  loadConfig({ env: { SWITCHYARD_DATA_DIR: dir, ...env }, cwd: dir, generateSecrets });

describe("loadConfig", () => {
  it("generates the auth secret and encryption key into the data directory with mode 0600", () => {
    const result = load({ NODE_ENV: "development" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.generated.map((f) => path.basename(f)).sort()).toEqual(["auth-secret", "encryption.key"]);
    for (const file of ["auth-secret", "encryption.key"]) {
      expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(result.config.authSecret).toBe(readFileSync(path.join(dir, "auth-secret"), "utf8").trim());
    expect(result.config.encryptionKey).toHaveLength(32);
    expect(result.config.authSecretSource).toBe("file");

    const again = load({ NODE_ENV: "development" });
    expect(again.ok && again.config.authSecret).toBe(result.config.authSecret);
    expect(again.ok && again.generated).toEqual([]);
  });

  it("refuses to start in production without a secret instead of inventing one", () => {
    const result = load({ NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((l) => l.startsWith("NEXTAUTH_SECRET: not set"))).toBe(true);
    expect(result.errors.some((l) => l.startsWith("SWITCHYARD_ENCRYPTION_KEY: not set"))).toBe(true);
  });

  it("uses the files the start script generated when production starts later", () => {
    expect(load({ NODE_ENV: "production" }, true).ok).toBe(true);
    const result = load({ NODE_ENV: "production" });
    expect(result.ok).toBe(true);
  });

  it("refuses a weak secret in production and only warns in development", () => {
    const prod = load({ NODE_ENV: "production", NEXTAUTH_SECRET: "secret", SWITCHYARD_ENCRYPTION_KEY: KEY });
    expect(prod.ok).toBe(false);
    expect(!prod.ok && prod.errors).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET: is too short/)]);
    for (const weak of ["a".repeat(40), "change-me-change-me-change-me-change-me-0123456789"]) {
      const r = load({ NODE_ENV: "production", NEXTAUTH_SECRET: weak, SWITCHYARD_ENCRYPTION_KEY: KEY });
      expect(r.ok).toBe(false);
    }
    const dev = load({ NODE_ENV: "development", NEXTAUTH_SECRET: "secret", SWITCHYARD_ENCRYPTION_KEY: KEY });
    expect(dev.ok).toBe(true);
    expect(dev.warnings).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET: is too short/)]);
  });

  it("accepts strong secrets from the environment without touching the data directory", () => {
    const result = load({ NODE_ENV: "production", AUTH_SECRET: STRONG, SWITCHYARD_ENCRYPTION_KEY: KEY });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.authSecret).toBe(STRONG);
    expect(result.config.authSecretSource).toBe("env");
    expect(result.config.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(() => statSync(path.join(dir, "auth-secret"))).toThrow();
  });

  it("names every wrong variable on its own line, without echoing secret values", () => {
    const result = load({
      NODE_ENV: "staging",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://x",
      REDIS_URL: "http://redis",
      NEXTAUTH_URL: "not a url",
      SWITCHYARD_ALLOW_SIGNUP: "maybe",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.errors.map((l) => l.split(":")[0]).sort();
    expect(names).toEqual(["DATABASE_URL", "LOG_LEVEL", "NEXTAUTH_URL", "NODE_ENV", "PORT", "REDIS_URL", "SWITCHYARD_ALLOW_SIGNUP"]);
  });

  it("rejects an encryption key that is not 32 bytes and a half-configured OAuth provider", () => {
    const result = load({
      NEXTAUTH_SECRET: STRONG,
      SWITCHYARD_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64"),
      GITHUB_ID: "abc",
      GOOGLE_SECRET: "xyz",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(3);
    expect(result.errors.join("\n")).toMatch(/SWITCHYARD_ENCRYPTION_KEY: must be 32 bytes/);
    expect(result.errors.join("\n")).toMatch(/GITHUB_SECRET: is required when GITHUB_ID is set/);
    expect(result.errors.join("\n")).toMatch(/GOOGLE_ID: is required when GOOGLE_SECRET is set/);
    expect(result.errors.join("\n")).not.toContain("xyz");
  });

  it("switches OAuth providers on by their variables and fills the defaults", () => {
    const result = load({ GITHUB_ID: "gh", GITHUB_SECRET: "ghs", PORT: "4100" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.oauth).toEqual({ github: { clientId: "gh", clientSecret: "ghs" } });
    expect(result.config.port).toBe(4100);
    expect(result.config.publicUrl).toBe("http://localhost:4100");
    expect(result.config.logLevel).toBe("info");
    expect(result.config.allowSignup).toBe(true);
    expect(result.config.dataDir).toBe(dir);
  });

  it("tightens a generated secret file restored with loose permissions", () => {
    writeFileSync(path.join(dir, "auth-secret"), STRONG, { mode: 0o644 });
    const result = load({ NODE_ENV: "production", SWITCHYARD_ENCRYPTION_KEY: KEY });
    expect(result.ok && result.config.authSecret).toBe(STRONG);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
});

describe(".env.example", () => {
  it("lists every variable the configuration reads", () => {
    const example = readFileSync(path.resolve(__dirname, "../../../.env.example"), "utf8");
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = ENV_NAMES.filter((name) => name !== "NODE_ENV" && !listed.has(name));
    expect(missing).toEqual([]);
  });
});

describe("previous encryption keys", () => {
  it("decodes each comma-separated key and names a wrong entry", () => {
    const other = Buffer.alloc(32, 9).toString("base64");
    const ok = load({ SWITCHYARD_ENCRYPTION_KEY_PREVIOUS: `${KEY}, ${other}` });
    expect(ok.ok && ok.config.previousEncryptionKeys.map((k) => k[0])).toEqual([7, 9]);
    expect(ok.ok && path.basename(ok.config.encryptionKeyFile ?? "")).toBe("encryption.key");
    const bad = load({ SWITCHYARD_ENCRYPTION_KEY_PREVIOUS: `${KEY},nope` });
    expect(!bad.ok && bad.errors).toEqual(["SWITCHYARD_ENCRYPTION_KEY_PREVIOUS: entry 2 is not 32 bytes encoded as base64"]);
  });
});
