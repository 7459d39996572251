import type { RunRecord, RunStore } from "@/lib/engine/run-store";

/**
 * Appends the `run.state` event of a run the runtime settles itself (cancelled before it
 * started, failed to start), after the run's last event, and writes it at once.
 */
export async function appendRunStateEvent(
  store: RunStore,
  runId: string,
  state: RunRecord["state"],
  at: number,
  error?: RunRecord["error"],
): Promise<void> {
  const last = await store.listEvents(runId, 0);
  const seq = (last.at(-1)?.seq ?? 0) + 1;
  const data: Record<string, unknown> = { state };
  if (error) data.error = { message: error.message, category: error.category };
  await store.appendEvents([{ runId, seq, at, type: "run.state", data }]);
  await store.flush();
}
