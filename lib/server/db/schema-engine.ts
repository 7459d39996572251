import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
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
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  instantiated = true;
}

/**
 * The engine arms 10-second timers it does not always clear; unreferenced, they no longer keep
 * a finished migration script alive for those 10 seconds.
 */
function withUnrefTimers(imports: object): WebAssembly.ModuleImports {
  const patched: Record<string, unknown> = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof value === "function") {
      patched[name] = (...args: unknown[]): unknown => {
        const timer: unknown = (value as (...a: unknown[]) => unknown)(...args);
        if (timer && typeof (timer as NodeJS.Timeout).unref === "function") (timer as NodeJS.Timeout).unref();
        return timer;
      };
    }
  }
  return patched as WebAssembly.ModuleImports;
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
  const opened: SqlDriverAdapter[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(tracked(createMigrationAdapterFactory(url), opened));
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
    return await use(engine);
  } finally {
    engine?.free();
    // Freeing the engine leaves its connections open (a pg pool keeps the database busy and
    // the process alive); close them here.
    await Promise.all(opened.map((connection) => connection.dispose().catch(() => undefined)));
  }
}

/** The factory, remembering each main connection it opens (the engine disposes shadow ones itself). */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = await factory.connect();
      opened.push(connection);
      return connection;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
