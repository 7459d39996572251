import type { EngineDeps, RunSummary } from "./engine-api";
import type { FlowHook } from "./flow-document";
import type { Logger } from "./node-definition";

export interface HookServices {
  notify: EngineDeps["notify"];
  logger: Logger;
  /** Starts the named flow with the summary as its parameters (does not wait for it). */
  startFlow(flowRef: string, params: Record<string, unknown>): Promise<void>;
}

/**
 * `onFailure` / `onCompletion`: called once, after the run's final state is stored. A failing
 * hook is logged and never changes the run's outcome or stops the other hooks.
 */
export async function runHooks(hooks: readonly FlowHook[], summary: RunSummary, services: HookServices): Promise<void> {
  for (const hook of hooks) {
    try {
      if ("notify" in hook) {
        if (!services.notify) throw new Error("no notifier is configured");
        await services.notify(hook.notify, summary);
      } else {
        await services.startFlow(hook.runFlow, { ...summary });
      }
    } catch (e) {
      services.logger.error("Run hook failed", { hook, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
