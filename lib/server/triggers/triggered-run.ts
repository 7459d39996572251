import { catalogRegistry } from "@/lib/catalog";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { RunInfo } from "@/lib/engine/node-definition";
import { validateFlow } from "@/lib/engine/validate";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { createFlowLoader } from "@/lib/server/runtime/flow-loader";
import { validateParameters } from "@/lib/server/runtime/parameters";
import type { Runtime } from "@/lib/server/runtime/runtime";

/**
 * Starts a run of a trigger's flow: at its latest saved version (the draft when it has none),
 * with the trigger's parameters checked against the flow's `parameters`, through the
 * runtime's `submitRun`. A flow that no longer validates, or parameters that no longer fit,
 * start nothing: the reason is kept on the trigger (`lastError`) and shown in its list.
 */

export interface TriggeredRunInput {
  trigger: { id: string; workspaceId: string; flowId: string };
  kind: Extract<RunInfo["trigger"]["kind"], "schedule" | "flow-event" | "webhook">;
  /** The run's parameters, or a function of the document that will run (to read its `parameters`). */
  params: Record<string, unknown> | ((document: FlowDocument) => Record<string, unknown>);
  scheduledAt?: number;
  /** Recorded as the trigger's `lastFiredAt`. */
  firedAt?: number;
}

/** `refused`: the runtime takes no runs now (shutting down); nothing is wrong with the trigger. */
export type TriggeredRunResult = { ok: true; runId: string } | { ok: false; error: string; refused?: boolean };

export async function startTriggeredRun(
  db: Db,
  runtime: Pick<Runtime, "submitRun">,
  input: TriggeredRunInput,
): Promise<TriggeredRunResult> {
  const { trigger } = input;
  const result = await submit(db, runtime, input).catch((e: unknown): TriggeredRunResult => ({
    ok: false,
    error: e instanceof Error ? e.message : String(e),
    ...(e instanceof AppError && e.code === "conflict" ? { refused: true } : {}),
  }));
  if (!result.ok && result.refused) return result;
  await db.trigger
    .updateMany({
      where: { id: trigger.id },
      data: {
        ...(input.firedAt !== undefined ? { lastFiredAt: new Date(input.firedAt) } : {}),
        ...(result.ok ? { lastRunId: result.runId, lastError: null } : { lastError: result.error.slice(0, 1000) }),
      },
    })
    .catch(() => undefined);
  return result;
}

async function submit(db: Db, runtime: Pick<Runtime, "submitRun">, input: TriggeredRunInput): Promise<TriggeredRunResult> {
  const { trigger } = input;
  const loaded = await createFlowLoader(db).load(trigger.flowId, { workspaceId: trigger.workspaceId });
  if (!loaded || loaded.flowId !== trigger.flowId) return { ok: false, error: "The flow was not found." };
  const validation = validateFlow(loaded.document, catalogRegistry);
  if (!validation.ok) {
    const first = validation.problems[0];
    return { ok: false, error: `The flow cannot run: ${first ? `${first.path.join(".")} ${first.message}` : "it is invalid"}.` };
  }
  const given = typeof input.params === "function" ? input.params(loaded.document) : input.params;
  const params = validateParameters(loaded.document, given);
  if (!params.ok) {
    const first = params.problems[0]!;
    return { ok: false, error: `Invalid run parameters: ${first.path.join(".")} ${first.message}.` };
  }
  const { runId } = await runtime.submitRun({
    workspaceId: trigger.workspaceId,
    flowId: trigger.flowId,
    flowVersion: loaded.version,
    document: loaded.document,
    params: params.params,
    trigger: { kind: input.kind, id: trigger.id },
    ...(input.scheduledAt !== undefined ? { scheduledAt: new Date(input.scheduledAt).toISOString() } : {}),
  });
  return { ok: true, runId };
}
