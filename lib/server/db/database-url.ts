import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Provider } from "./schema-files";

/** The embedded default: a SQLite file under ./data of the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/switchyard.db";

/** `DATABASE_URL` when set and not empty, else the embedded SQLite default. */
export function databaseUrlFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

/** PostgreSQL when the URL starts with `postgres` (postgres:// or postgresql://), SQLite for `file:`. */
export function providerOf(url: string): Provider {
  if (url.startsWith("postgres")) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error('DATABASE_URL must start with "file:" (SQLite) or "postgres" (PostgreSQL)');
}

/** The file path of a SQLite URL, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  return path.resolve(raw);
}

/** Creates the folder of a SQLite file (./data on a fresh install); no-op for PostgreSQL. */
export function ensureDatabaseDirectory(url: string): void {
  if (providerOf(url) !== "sqlite") return;
  const file = sqliteFilePath(url);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, "$1:***@");
}
