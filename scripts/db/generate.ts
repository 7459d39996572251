// `npm run db:generate` (also the postinstall step): writes both provider schemas from
// prisma/schema.source.prisma, then generates both Prisma clients, in parallel.
//
// `prisma generate` insists on having the native schema engine although generating does not
// use it, and downloads it when missing. Where it could not be installed (machines without
// internet access) we point PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits with an error,
// so generation still works; where the engine is installed nothing changes.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROVIDERS, providerSchemaPath, writeProviderSchemas } from "@/lib/server/db/schema-files";

const root = fileURLToPath(new URL("../..", import.meta.url));
const prismaDir = path.join(root, "prisma");
const stub = fileURLToPath(new URL("./schema-engine-stub.mjs", import.meta.url));

function schemaEngineInstalled(): boolean {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return true;
  try {
    const require = createRequire(import.meta.url);
    const enginesDir = path.dirname(require.resolve("@prisma/engines/package.json"));
    return readdirSync(enginesDir).some((file) => file.startsWith("schema-engine-"));
  } catch {
    return false;
  }
}

function prismaGenerate(schema: string, env: NodeJS.ProcessEnv): Promise<string> {
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "generate", "--schema", schema], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prisma generate --schema ${schema} failed:\n${output}`)),
    );
  });
}

writeProviderSchemas(prismaDir);
const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!schemaEngineInstalled()) {
  if (!existsSync(stub)) throw new Error(`missing ${stub}`);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
try {
  await Promise.all(
    PROVIDERS.map(async (provider) => {
      await prismaGenerate(path.relative(root, providerSchemaPath(prismaDir, provider)), env);
      process.stdout.write(`generated the ${provider} client in lib/server/db/generated/${provider}\n`);
    }),
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
