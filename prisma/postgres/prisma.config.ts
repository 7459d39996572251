// For the official Prisma CLI, where its native engine is installed, e.g.
//   DATABASE_URL=postgresql://… npx prisma migrate status --config prisma/postgres/prisma.config.ts
// (paths here are relative to this file). The app itself migrates with `npm run db:migrate`.
import { defineConfig, env } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: env("DATABASE_URL") },
});
