import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * One production build and one server for the whole suite, on a free port with its own
 * temporary data directory and SQLite file, so tests never touch ./data. The values are put
 * in the environment of the runner, which its workers inherit, so every process agrees.
 */

function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

/** An installed Chromium: SWITCHYARD_CHROMIUM, then Debian's, then Playwright's own download. */
function chromiumPath(): string | undefined {
  if (process.env.SWITCHYARD_CHROMIUM) return process.env.SWITCHYARD_CHROMIUM;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

process.env.SWITCHYARD_E2E_PORT ??= String(freePort());
process.env.SWITCHYARD_E2E_DATA ??= mkdtempSync(path.join(tmpdir(), "switchyard-e2e-"));
const port = Number(process.env.SWITCHYARD_E2E_PORT);
const dataDir = process.env.SWITCHYARD_E2E_DATA;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    // Every test leaves its final screenshot in test-results/ (kept by CI as an artifact).
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    // The first run builds the app; later runs reuse the build when no source changed.
    timeout: 20 * 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NEXTAUTH_URL: baseURL,
      SWITCHYARD_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // The vendor fakes that specs start listen on loopback, which the SSRF guard refuses otherwise.
      SWITCHYARD_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
      SWITCHYARD_SIGNUPS_PER_HOUR: "1000",
    },
  },
});
