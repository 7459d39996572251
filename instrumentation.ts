/**
 * Runs once when the server starts. The configuration is checked here so that `next start`
 * and `next dev` refuse to serve with a missing or weak secret, like `npm start` does. Then
 * the runtime starts (resuming runs a dead process left behind) with its shutdown handlers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigAtStartup } = await import("./lib/server/config/startup-check");
  checkConfigAtStartup();
  const { startServerRuntime } = await import("./lib/server/runtime/server-start");
  startServerRuntime();
  (await import("./lib/server/triggers/scheduler-instance")).startScheduler();
}
