import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma as PostgresPrisma } from "@/lib/server/db/generated/postgres/client";
import { Prisma as SqlitePrisma } from "@/lib/server/db/generated/sqlite/client";
import { PROVIDERS, providerSchemaPath, renderProviderSchema, sourceSchemaPath, type Provider } from "@/lib/server/db/schema-files";
import { PRISMA_DIR } from "./test-database";

/** `model X { … }` blocks of a schema, each field line normalised to single spaces. */
function modelBlocks(schema: string): Map<string, string[]> {
  const models = new Map<string, string[]>();
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const lines = (match[2] ?? "")
      .split("\n")
      .map((line) =>
        line
          .replace(/\/\/.*$/, "")
          .trim()
          .replace(/\s+/g, " "),
      )
      .filter(Boolean);
    models.set(match[1] ?? "", lines);
  }
  return models;
}

function datasourceProvider(schema: string): string | undefined {
  return /datasource\s+db\s*\{[^}]*provider\s*=\s*"([^"]+)"/.exec(schema)?.[1];
}

const read = (file: string) => readFileSync(file, "utf8");

describe("the provider schemas", () => {
  it("are exactly what the source renders (no hand edits, not stale)", () => {
    const source = read(sourceSchemaPath(PRISMA_DIR));
    for (const provider of PROVIDERS) {
      expect(read(providerSchemaPath(PRISMA_DIR, provider)), `prisma/${provider}/schema.prisma`).toBe(
        renderProviderSchema(source, provider),
      );
    }
  });

  it("declare their own provider and the same models with the same fields and attributes", () => {
    const sqlite = read(providerSchemaPath(PRISMA_DIR, "sqlite"));
    const postgres = read(providerSchemaPath(PRISMA_DIR, "postgres"));
    expect(datasourceProvider(sqlite)).toBe("sqlite");
    expect(datasourceProvider(postgres)).toBe("postgresql");
    const sqliteModels = modelBlocks(sqlite);
    expect(sqliteModels.size).toBeGreaterThanOrEqual(18);
    expect(Object.fromEntries(modelBlocks(postgres))).toEqual(Object.fromEntries(sqliteModels));
  });

  it("rejects a source that lost a placeholder", () => {
    expect(() => renderProviderSchema('datasource db { provider = "sqlite" }', "postgres")).toThrow(/__PROVIDER__/);
  });
});

describe("the generated clients", () => {
  // The generated client embeds its data model (models, fields, kinds, types) as JSON.
  function runtimeDataModel(provider: Provider): unknown {
    const file = path.join(PRISMA_DIR, "..", "lib", "server", "db", "generated", provider, "internal", "class.ts");
    const literal = /config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(read(file))?.[1];
    if (!literal) throw new Error(`no runtime data model in ${file}; run npm run db:generate`);
    return JSON.parse(JSON.parse(literal) as string);
  }

  it("have the same models, with the same field names, kinds and types", () => {
    const sqlite = runtimeDataModel("sqlite") as { models: Record<string, { fields: unknown[] }> };
    expect(Object.keys(sqlite.models)).toContain("StepRun");
    expect(runtimeDataModel("postgres")).toEqual(sqlite);
    expect(Object.values(PostgresPrisma.ModelName).sort()).toEqual(Object.values(SqlitePrisma.ModelName).sort());
  });
});
