import type { AppConfig } from "./app-config";
import { ConfigError, loadConfig } from "./load-config";

export type { AppConfig } from "./app-config";
export { ConfigError, loadConfig } from "./load-config";

let cached: AppConfig | undefined;

/**
 * The process's configuration, validated once. Throws ConfigError (all wrong variables at
 * once) rather than running with a default secret.
 */
export function getConfig(): AppConfig {
  if (cached) return cached;
  const result = loadConfig();
  if (!result.ok) throw new ConfigError(result.errors);
  cached = result.config;
  // next-auth reads its own origin from the environment; give it the validated one.
  process.env.NEXTAUTH_URL = cached.publicUrl;
  return cached;
}

/** Forgets the cached configuration (tests that change the environment). */
export function resetConfigForTests(): void {
  cached = undefined;
}
