import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * Both provider schemas are rendered from `prisma/schema.source.prisma`; only the datasource
 * provider and the generated client's folder differ, so the two cannot drift apart.
 */

export const PROVIDERS = ["sqlite", "postgres"] as const;
export type Provider = (typeof PROVIDERS)[number];

const PRISMA_PROVIDER: Record<Provider, string> = { sqlite: "sqlite", postgres: "postgresql" };

const HEADER = "// Generated from ../schema.source.prisma by `npm run db:schemas`. Do not edit: edit the source.\n\n";

export interface SchemaPaths {
  /** The folder holding schema.source.prisma and one folder per provider. */
  prismaDir: string;
}

export const sourceSchemaPath = (prismaDir: string): string => path.join(prismaDir, "schema.source.prisma");
export const providerDir = (prismaDir: string, provider: Provider): string => path.join(prismaDir, provider);
export const providerSchemaPath = (prismaDir: string, provider: Provider): string =>
  path.join(providerDir(prismaDir, provider), "schema.prisma");
export const migrationsDir = (prismaDir: string, provider: Provider): string => path.join(providerDir(prismaDir, provider), "migrations");

/** Renders one provider's schema from the source text. */
export function renderProviderSchema(source: string, provider: Provider): string {
  for (const placeholder of ["__PROVIDER__", "__OUTPUT__"]) {
    if (!source.includes(`"${placeholder}"`)) {
      throw new Error(`schema.source.prisma lost its "${placeholder}" placeholder`);
    }
  }
  // The generated schema sits in prisma/<provider>/, the client goes to lib/server/db/generated/<provider>.
  const output = `../../lib/server/db/generated/${provider}`;
  const body = source
    .replace(/^(\/\/[^\n]*\n)+\n?/, "")
    .replaceAll('"__PROVIDER__"', `"${PRISMA_PROVIDER[provider]}"`)
    .replaceAll('"__OUTPUT__"', `"${output}"`);
  return HEADER + body;
}

/** Writes prisma/<provider>/schema.prisma for every provider; returns the paths written. */
export function writeProviderSchemas(prismaDir: string): string[] {
  const source = readFileSync(sourceSchemaPath(prismaDir), "utf8");
  return PROVIDERS.map((provider) => {
    const file = providerSchemaPath(prismaDir, provider);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderProviderSchema(source, provider));
    return file;
  });
}
