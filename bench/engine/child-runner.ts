import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Each measured case runs in its own Node process, so the peak RSS of one case (the 1M-item
 * map above all) cannot inflate the next, and every case starts from a cold, equal heap.
 */

const CASE_FILE = fileURLToPath(new URL("./case.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export async function runCase<T>(spec: Record<string, unknown>, options: { maxOldSpaceMb?: number; timeoutMs?: number } = {}): Promise<T> {
  const args = ["--expose-gc", "--import", "tsx"];
  if (options.maxOldSpaceMb) args.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  args.push(CASE_FILE, JSON.stringify(spec));
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as T);
      else if (signal === "SIGKILL" && options.timeoutMs) reject(new Error(`stopped after ${Math.round(options.timeoutMs / 60_000)} min`));
      else reject(new Error(`case ${JSON.stringify(spec)} ended with ${signal ?? `code ${code}`}: ${out.slice(-2000)}`));
    });
  });
}
