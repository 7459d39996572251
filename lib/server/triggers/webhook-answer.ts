import type { RunRecord, StepRecord } from "@/lib/engine/run-store";
import { RESERVED_RESPONSE_HEADERS, respondWebhookNode, respondWebhookOutput } from "@/lib/nodes/flow/respond-webhook";
import type { Runtime } from "@/lib/server/runtime/runtime";
import { hookError, jsonAnswer, type HookAnswer } from "./webhook-errors";

/**
 * The answer of a trigger in "wait" mode: the first "Respond to webhook" step the run
 * completed; without one, 200 with the run's output. A run that failed answers 502 with its
 * error, one that did not finish in time 504; both name the run, which goes on.
 */

function fromStep(step: StepRecord): HookAnswer | undefined {
  const parsed = respondWebhookOutput.safeParse(step.output);
  if (!parsed.success) return undefined;
  const { status, headers, body } = parsed.data;
  const out: Record<string, string> = { "cache-control": "no-store" };
  for (const [name, value] of Object.entries(headers)) {
    if (!RESERVED_RESPONSE_HEADERS.includes(name.toLowerCase())) out[name.toLowerCase()] = value;
  }
  if (typeof body === "string") {
    out["content-type"] ??= "text/plain; charset=utf-8";
    return { status, headers: out, body };
  }
  if (body === undefined || body === null) return { status, headers: out, body: "" };
  out["content-type"] ??= "application/json; charset=utf-8";
  return { status, headers: out, body: JSON.stringify(body) };
}

export async function answerOfRun(runtime: Runtime, run: RunRecord): Promise<HookAnswer> {
  if (run.state === "completed") {
    const respondIds = new Set(run.document.nodes.filter((n) => n.type === respondWebhookNode.type).map((n) => n.id));
    if (respondIds.size > 0) {
      const steps = await runtime.store.listSteps(run.id);
      const answered = steps
        .filter((s) => respondIds.has(s.nodeId) && s.state === "completed")
        .sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
      for (const step of answered) {
        const answer = fromStep(step);
        if (answer) return answer;
      }
    }
    return jsonAnswer(200, { runId: run.id, state: run.state, output: run.output ?? null });
  }
  const error = run.error ? { name: run.error.name, message: run.error.message, category: run.error.category } : null;
  return hookError(
    502,
    run.state === "cancelled" ? "run_cancelled" : "run_failed",
    run.state === "cancelled" ? `Run ${run.id} was cancelled.` : `Run ${run.id} ${run.state}: ${run.error?.message ?? "no error message"}.`,
    { runId: run.id, state: run.state, error },
  );
}

/** Waits for the run up to `timeoutMs`, then answers 504 (the run is not stopped). */
export async function waitForAnswer(runtime: Runtime, runId: string, timeoutMs: number): Promise<HookAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const run = await Promise.race([runtime.whenFinished(runId), timeout]);
    if (run === "timeout") {
      return hookError(
        504,
        "run_timeout",
        `Run ${runId} did not finish within ${timeoutMs} ms; it goes on, and its result is on its run page.`,
        { runId, timeoutMs },
      );
    }
    if (!run) return hookError(502, "run_failed", `Run ${runId} was not found after it finished.`, { runId });
    return await answerOfRun(runtime, run);
  } finally {
    clearTimeout(timer);
  }
}
