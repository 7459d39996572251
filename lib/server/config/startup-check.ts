import { loadConfig } from "./load-config";

/** Prints every wrong variable on its own line and stops the process when any is wrong. */
export function checkConfigAtStartup(): void {
  const result = loadConfig();
  for (const warning of result.warnings) process.stderr.write(`[switchyard] warning: ${warning}\n`);
  if (result.ok) return;
  process.stderr.write(`[switchyard] The configuration is invalid:\n${result.errors.map((l) => `  - ${l}`).join("\n")}\n`);
  process.exit(1);
}
