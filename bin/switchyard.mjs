#!/usr/bin/env node
/* global process, URL */
// Launcher: registers tsx so the TypeScript sources run as they are (no build step on a fresh
// clone), using the repository's tsconfig for the `@/` path alias wherever it is started from.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../lib/cli/main.ts");

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`switchyard: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
