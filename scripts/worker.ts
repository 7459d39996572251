// `npm run worker`: executes queued runs in queue mode (REDIS_URL with a PostgreSQL
// DATABASE_URL). Start any number, on any number of machines; see docs/deploy.md.
import process from "node:process";
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", {
  info: () => {},
  error: (m: string) => process.stderr.write(`${m}\n`),
});

const { ConfigError } = await import("../lib/server/config");
const { runWorkerProcess } = await import("../lib/server/queue/worker-process");
try {
  await runWorkerProcess();
} catch (error) {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`[switchyard worker] ${message}\n`);
  process.exit(1);
}
