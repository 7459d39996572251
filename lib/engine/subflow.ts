import { CancelledError, NonRetryableError, NotFoundError } from "./errors";
import type { RunHandle } from "./engine-api";
import type { ExecutionDeps } from "./execution-deps";
import type { SubflowResult } from "./node-definition";
import type { RunStore } from "./run-store";
import { isFinalRunState } from "./states";

export interface SubflowCall {
  flowRef: string;
  params: Record<string, unknown>;
  /** The calling step's signal: aborting it cancels the child. */
  signal: AbortSignal;
  parentRunId: string;
  workspaceId: string | undefined;
  dryRun: boolean;
  /** Stable id of the child run (absent in single-node tests: nothing to resume). */
  childId: string | undefined;
  store: RunStore | null;
}

type SubflowDeps = Pick<ExecutionDeps, "flows" | "startRun" | "resumeRun" | "cancel">;

/** Runs a sub-flow as a linked child run and waits for it; a child already stored is resumed. */
export async function runSubflow(deps: SubflowDeps, call: SubflowCall): Promise<SubflowResult> {
  const loader = deps.flows;
  if (!loader) throw new NonRetryableError(`No flow loader is configured; cannot run flow "${call.flowRef}"`);
  const existing = call.childId && call.store ? await call.store.getRun(call.childId) : null;
  let handle: RunHandle;
  if (existing) {
    handle = await deps.resumeRun(existing.id);
  } else {
    const loaded = await loader.load(call.flowRef, { workspaceId: call.workspaceId });
    if (!loaded) throw new NotFoundError(`Flow "${call.flowRef}" not found`);
    if (call.signal.aborted) throw call.signal.reason instanceof Error ? call.signal.reason : new CancelledError();
    handle = await deps.startRun(loaded.document, {
      runId: call.childId,
      params: call.params,
      parentRunId: call.parentRunId,
      trigger: { kind: "subflow", id: call.parentRunId },
      dryRun: call.dryRun,
      workspaceId: call.workspaceId,
      flowId: loaded.flowId,
      flowVersion: loaded.version,
    });
  }
  const onAbort = (): void => void deps.cancel(handle.runId);
  call.signal.addEventListener("abort", onAbort, { once: true });
  try {
    const child = await handle.done;
    // A child left pending (its process shut down) did not finish: the caller sees a crash.
    const state = isFinalRunState(child.state) ? (child.state as SubflowResult["state"]) : "crashed";
    return { runId: child.id, state, output: child.output };
  } finally {
    call.signal.removeEventListener("abort", onAbort);
  }
}
