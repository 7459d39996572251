/**
 * The real server as a child process (`node scripts/start.mjs`, what `npm start` runs) with
 * its own port, data directory and SQLite file, in a process group of its own so that a
 * SIGKILL reaches `next start` as well as the launcher — the way a machine loses power.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<void>;
}

export async function startServer(env: Record<string, string>, port: number, timeoutMs = 180_000): Promise<ServerProcess> {
  // The app was built by the suite's web server; a source edited since must not start a second build.
  const child = spawn(process.execPath, ["scripts/start.mjs", "--reuse-build"], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      killGroup(child, "SIGKILL");
      throw new Error(`the server did not get ready in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url, output: () => out, exited };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
