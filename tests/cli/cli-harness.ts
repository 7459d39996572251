import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs the real launcher (`bin/switchyard.mjs`) as a child process, as a user or CI would. */

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/switchyard.mjs", import.meta.url));

export function fixture(name: string): string {
  return `tests/fixtures/${name}`;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", CI: process.env.CI ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Parses the single JSON object `run --json` prints. */
export function jsonOf(result: CliResult): Record<string, unknown> & { nodes: Record<string, { state: string; output?: unknown }> } {
  const lines = result.stdout.trim().split("\n");
  if (lines.length !== 1) throw new Error(`expected one JSON line on stdout, got ${lines.length}:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(lines[0] as string) as ReturnType<typeof jsonOf>;
}
