// Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma from prisma/schema.source.prisma.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeProviderSchemas } from "@/lib/server/db/schema-files";

const prismaDir = fileURLToPath(new URL("../../prisma", import.meta.url));
for (const file of writeProviderSchemas(prismaDir)) {
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
