#!/usr/bin/env node
// `npm start`: everything a fresh clone needs after `npm install`, then the server.
//   1. load .env files (as Next.js does) and validate the configuration; generate the auth
//      secret and the encryption key into the data directory on first start (mode 0600);
//   2. apply pending database migrations (SQLite in ./data by default);
//   3. `next build`, only when there is no build or a source file changed since the last one;
//   4. `next start` on PORT (default 3000).
// The build check is cheap: it compares a fingerprint of the path, size and modification time
// of every source file (app/, components/, lib/, public/, the configs and the lockfile) with
// the one saved beside the last build in .next/switchyard-build.json.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { URL, fileURLToPath } from "node:url";
import nextEnv from "@next/env";
import { register } from "tsx/esm/api";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NODE_ENV = "production";
nextEnv.loadEnvConfig(root, false, { info: () => {}, error: (m) => process.stderr.write(`${m}\n`) });

const say = (message) => process.stdout.write(`[switchyard] ${message}\n`);
const fail = (message) => {
  process.stderr.write(`[switchyard] ${message}\n`);
  process.exit(1);
};

function run(command, args, what) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: process.env });
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else fail(`${what} failed (${signal ?? `exit code ${code}`}).`);
    });
  });
}

// --- 1. configuration and generated secrets ---------------------------------------------
const unregister = register();
const { loadConfig } = await import("../lib/server/config/load-config.ts");
const config = loadConfig({ generateSecrets: true });
await unregister();
for (const warning of config.warnings) process.stderr.write(`[switchyard] warning: ${warning}\n`);
if (!config.ok) fail(`The configuration is invalid:\n${config.errors.map((l) => `  - ${l}`).join("\n")}`);
for (const file of config.generated) say(`generated ${path.relative(root, file)} (mode 0600; keep a backup of it)`);
const { dataDir, port, publicUrl } = config.config;
// The embedded database lives in the data directory unless DATABASE_URL says otherwise.
process.env.DATABASE_URL ||= `file:${path.join(dataDir, "switchyard.db")}`;
process.env.NEXTAUTH_URL ||= publicUrl;
process.env.PORT = String(port);

// --- 2. Prisma client and migrations -------------------------------------------------------
if (!existsSync(path.join(root, "lib/server/db/generated/sqlite/client.ts"))) {
  say("generating the database clients");
  await run(process.execPath, ["--import", "tsx", "scripts/db/generate.ts"], "Generating the database clients");
}
await run(process.execPath, ["--experimental-wasm-modules", "--import", "tsx", "scripts/db/migrate.ts"], "Applying database migrations");

// --- 3. build when needed ------------------------------------------------------------------
const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "instrumentation.ts",
  "proxy.ts",
];
const SKIP = /(^|\/)(node_modules|\.next|__snapshots__)(\/|$)|\.test\.tsx?$/;

function fingerprint() {
  const entries = [];
  const visit = (rel) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs) || SKIP.test(rel)) return;
    const stat = statSync(abs);
    if (stat.isDirectory()) for (const name of readdirSync(abs).sort()) visit(path.posix.join(rel, name));
    else entries.push(`${rel}\t${stat.size}\t${Math.trunc(stat.mtimeMs)}`);
  };
  for (const rel of [...SOURCE_DIRS, ...SOURCE_FILES]) visit(rel);
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

const stampFile = path.join(root, ".next", "switchyard-build.json");
const current = fingerprint();
let built;
try {
  built = JSON.parse(readFileSync(stampFile, "utf8")).fingerprint;
} catch {
  built = undefined;
}
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// `--reuse-build` serves the existing build even when a source changed since (a test that
// starts a second server beside the one that built the app).
const reuseBuild = process.argv.includes("--reuse-build") && existsSync(path.join(root, ".next", "BUILD_ID"));
if (!reuseBuild && (built !== current || !existsSync(path.join(root, ".next", "BUILD_ID")))) {
  say(built ? "sources changed since the last build: building" : "building the app (first start only; takes a few minutes)");
  await run(process.execPath, [nextBin, "build"], "next build");
  writeFileSync(stampFile, JSON.stringify({ fingerprint: current, builtAt: new Date().toISOString() }) + "\n");
} else {
  say("build is up to date");
}

// --- 4. serve --------------------------------------------------------------------------------
say(`starting on ${publicUrl}`);
// The server's own SIGTERM handler (instrumentation.ts) gives running steps their grace period
// and leaves the rest resumable; without this flag Next.js would exit at once.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
const server = spawn(process.execPath, [nextBin, "start", "--port", String(port)], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
