// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the SQLite file
// ./data/switchyard.db, created with its folder when missing). Exit code 0 when the database
// is up to date afterwards, 1 with one line on stderr otherwise.
import { fileURLToPath } from "node:url";
import { databaseUrlFromEnv, redactDatabaseUrl } from "@/lib/server/db/database-url";
import { applyPendingMigrations } from "@/lib/server/db/migrations";

const url = databaseUrlFromEnv();
const prismaDir = process.env.SWITCHYARD_PRISMA_DIR ?? fileURLToPath(new URL("../../prisma", import.meta.url));
try {
  const applied = await applyPendingMigrations(url, { prismaDir });
  const target = redactDatabaseUrl(url);
  process.stdout.write(
    applied.length === 0
      ? `Database ${target} is up to date.\n`
      : `Applied ${applied.length} migration(s) to ${target}: ${applied.join(", ")}\n`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stderr.write(`Migrating ${redactDatabaseUrl(url)} failed: ${message}\n`);
  process.exitCode = 1;
}
