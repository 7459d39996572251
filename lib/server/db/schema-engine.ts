import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createMigrationAdapterFactory } from "./adapters";

/**
 * Prisma's schema engine (the migration half of Prisma) compiled to WebAssembly. The native
 * engine binary is not needed: the wasm build talks to the database through a driver adapter.
 *
 * The package's entry imports its `.wasm` file as an ES module, which Node 20 only allows with
 * `--experimental-wasm-modules`. We instantiate the `.wasm` file ourselves with its JS glue
 * instead, so this works in any Node process (the app server, tests) without that flag.
 */

let instantiated = false;

function instantiateWasm(): void {
  if (instantiated) return;
  const require = createRequire(import.meta.url);
  // The package's exports map hides the .wasm file; it sits beside the glue module.
  const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  instantiated = true;
}

export interface SchemaEngineLog {
  (message: string): void;
}

/**
 * Opens a schema engine on the database at `url`, hands it to `use`, and frees it afterwards.
 * `schema` is the Prisma schema (text and a file name for messages) the engine starts with.
 */
export async function withSchemaEngine<T>(
  url: string,
  schema: { path: string; content: string },
  use: (engine: SchemaEngine) => Promise<T>,
  log: SchemaEngineLog = () => {},
): Promise<T> {
  instantiateWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(createMigrationAdapterFactory(url));
  const engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
  try {
    return await use(engine);
  } finally {
    engine.free();
  }
}
