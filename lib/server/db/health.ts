import { getDb, type Db } from "./client";
import { databaseUrlFromEnv, providerOf, redactDatabaseUrl } from "./database-url";
import { pendingMigrations } from "./migration-status";
import type { Provider } from "./schema-files";

export interface DatabaseHealth {
  reachable: boolean;
  provider: Provider;
  /** Migrations in the folder the database has not applied; empty when up to date. */
  pendingMigrations: string[];
  /** Why the database could not be checked (no credentials in it). */
  error?: string;
}

/** For GET /api/health: can we query the database, and is its schema current? */
export async function databaseHealth(options: { url?: string; db?: Db; prismaDir?: string } = {}): Promise<DatabaseHealth> {
  const url = options.url ?? databaseUrlFromEnv();
  const provider = providerOf(url);
  try {
    await (options.db ?? getDb()).$queryRawUnsafe("SELECT 1");
    return { reachable: true, provider, pendingMigrations: await pendingMigrations(url, { prismaDir: options.prismaDir }) };
  } catch (error) {
    return { reachable: false, provider, pendingMigrations: [], error: redactDatabaseUrl(describeError(error)) };
  }
}

/** The last line of the error (Prisma puts the cause there), or its code or name when empty. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const line = error.message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  if (line) return line;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code ? `${error.name} (${code})` : error.name;
}
