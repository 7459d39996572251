// `npm run db:migration -- <name>`: writes prisma/{sqlite,postgres}/migrations/<timestamp>_<name>/migration.sql
// for the change between the migrations so far and prisma/schema.source.prisma.
// The PostgreSQL diff needs a server to create a temporary shadow database on:
// MIGRATION_POSTGRES_URL, else DATABASE_URL when it is PostgreSQL, else the local default.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createMigrations } from "@/lib/server/db/migrations";
import { redactDatabaseUrl } from "@/lib/server/db/database-url";
import { writeProviderSchemas } from "@/lib/server/db/schema-files";

const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

function postgresUrl(env: NodeJS.ProcessEnv): string {
  if (env.MIGRATION_POSTGRES_URL) return env.MIGRATION_POSTGRES_URL;
  if (env.DATABASE_URL?.startsWith("postgres")) return env.DATABASE_URL;
  return LOCAL_POSTGRES;
}

async function main(): Promise<number> {
  const name = process.argv.slice(2).join("_");
  if (!name) {
    process.stderr.write("usage: npm run db:migration -- <name>\n");
    return 2;
  }
  const prismaDir = process.env.SWITCHYARD_PRISMA_DIR ?? fileURLToPath(new URL("../../prisma", import.meta.url));
  writeProviderSchemas(prismaDir);
  const pgUrl = postgresUrl(process.env);
  try {
    const created = await createMigrations({ name, prismaDir, postgresUrl: pgUrl });
    if (created.length === 0) {
      process.stdout.write("No schema change: no migration created.\n");
      return 0;
    }
    for (const { provider, folder } of created) {
      process.stdout.write(`${provider}: ${path.relative(process.cwd(), folder)}\n`);
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Could not create the migration (PostgreSQL diff via ${redactDatabaseUrl(pgUrl)}): ${message}\n`);
    return 1;
  }
}

process.exitCode = await main();
