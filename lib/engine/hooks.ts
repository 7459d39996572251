import type { EngineDeps, RunSummary } from "./engine-api";
import { NotFoundError } from "./errors";
import type { ExecutionDeps } from "./execution-deps";
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

/** A `runFlow` hook: starts the flow with the summary as parameters, triggered by this run. */
export async function startHookFlow(
  deps: Pick<ExecutionDeps, "flows" | "startRun">,
  hook: { flowRef: string; params: Record<string, unknown>; runId: string; workspaceId: string | undefined },
): Promise<void> {
  const loaded = await deps.flows?.load(hook.flowRef, { workspaceId: hook.workspaceId });
  if (!loaded) throw new NotFoundError(`Flow "${hook.flowRef}" not found`);
  await deps.startRun(loaded.document, {
    params: hook.params,
    trigger: { kind: "flow-event", id: hook.runId },
    workspaceId: hook.workspaceId,
    flowId: loaded.flowId,
    flowVersion: loaded.version,
  });
}
