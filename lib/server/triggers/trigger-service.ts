import type { z } from "zod";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { AuthzContext } from "@/lib/server/authz/caller";
import type { Action } from "@/lib/server/authz/permissions";
import { requireMember, requireWorkspaceObject, type WorkspaceAccess } from "@/lib/server/authz/require-member";
import { getConfig } from "@/lib/server/config";
import type { Db } from "@/lib/server/db/client";
import type { Prisma, Trigger } from "@/lib/server/db/generated/sqlite/client";
import { authorizeFlow } from "@/lib/server/flows/flow-access";
import { AppError, notFound } from "@/lib/server/http/app-error";
import { validationError } from "@/lib/server/http/zod-details";
import { createFlowLoader } from "@/lib/server/runtime/flow-loader";
import { validateParameters } from "@/lib/server/runtime/parameters";
import { normalizeSchedule, ScheduleConfigError, scheduleInputSchema, type ScheduleConfig } from "./schedule-config";
import { nextFireAfter, nextFires } from "./schedule-math";
import { flowEventConfigSchema, readStoredConfig, type TriggerKind } from "./trigger-config";
import { toTriggerDto, type TriggerDto } from "./trigger-dto";
import type { createTriggerSchema, previewScheduleSchema, triggerListQuerySchema, updateTriggerSchema } from "./trigger-schemas";
import { createHookId, WEBHOOK_SECRET_CREDENTIAL_TYPE, webhookConfigSchema, webhookCredentialId } from "./webhook-config";
import { forgetWebhook } from "./webhook-endpoint";

/**
 * The triggers API (SPEC §6, §9). Every member reads a workspace's triggers; editors and
 * above create, change, pause, resume and delete them (`flow:write`, like the flow itself).
 * A trigger or flow id of another workspace answers 404.
 */

const dto = (row: Trigger, now = Date.now()) => toTriggerDto(row, { publicUrl: getConfig().publicUrl, now });

function fieldError(path: (string | number)[], message: string): AppError {
  const where = path.join(".");
  return new AppError("validation_failed", `Invalid request body: \`${where}\` ${message}.`, {
    details: { issues: [{ path: where, message, code: "invalid" }] },
  });
}

export async function authorizeTrigger(ctx: AuthzContext, workspace: string, triggerId: string, action: Action) {
  const { access, object } = await requireWorkspaceObject(ctx, workspace, action, "Trigger", (workspaceId) =>
    ctx.db.trigger.findFirst({ where: { id: triggerId, workspaceId } }),
  );
  return { access, trigger: object };
}

/** Parses a schedule config as sent, naming `config.<field>` on error. */
export function parseSchedule(value: unknown, now: number): ScheduleConfig {
  const parsed = scheduleInputSchema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(parsed.error, ["config"]);
  try {
    return normalizeSchedule(parsed.data, now);
  } catch (e) {
    if (e instanceof ScheduleConfigError) throw fieldError(["config", ...e.path], e.message);
    throw e;
  }
}

/** The next fires of a schedule config, without saving it (the create form's live preview). */
export async function previewSchedule(ctx: AuthzContext, workspace: string, input: z.output<typeof previewScheduleSchema>) {
  await requireMember(ctx, workspace, "workspace:read");
  const now = Date.now();
  const config = parseSchedule(input.config, now);
  return { config, nextFires: nextFires(config, now, input.count ?? 5).map((t) => new Date(t).toISOString()) };
}

export async function listTriggers(ctx: AuthzContext, workspace: string, query: z.output<typeof triggerListQuerySchema>) {
  const access = await requireMember(ctx, workspace, "workspace:read");
  const rows = await ctx.db.trigger.findMany({
    where: {
      workspaceId: access.workspace.id,
      ...(query.flowId ? { flowId: query.flowId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const now = Date.now();
  return rows.map((r) => dto(r, now));
}

export async function getTrigger(ctx: AuthzContext, workspace: string, triggerId: string): Promise<TriggerDto> {
  const { trigger } = await authorizeTrigger(ctx, workspace, triggerId, "workspace:read");
  return dto(trigger);
}

/** The document the trigger's runs execute (latest version, else the draft), for checking parameters. */
async function documentOf(db: Db, flowId: string, workspaceId: string): Promise<FlowDocument> {
  const loaded = await createFlowLoader(db).load(flowId, { workspaceId });
  if (!loaded) throw notFound("Flow");
  return loaded.document;
}

/**
 * A trigger's fixed parameters against the flow's `parameters`: a schedule must supply every
 * required one; webhooks and flow events get the rest from the request or the finished run.
 */
function checkParameters(kind: TriggerKind, document: FlowDocument, parameters: Record<string, unknown>): void {
  const specs = document.parameters;
  const relaxed: FlowDocument =
    kind === "schedule" || !specs
      ? document
      : { ...document, parameters: Object.fromEntries(Object.entries(specs).map(([k, spec]) => [k, { ...spec, required: false }])) };
  const result = validateParameters(relaxed, parameters);
  if (!result.ok) {
    const issues = result.problems.map((p) => ({ path: p.path.join("."), message: p.message, code: "invalid" }));
    const first = issues[0]!;
    throw new AppError("validation_failed", `Invalid request body: \`${first.path}\` ${first.message}.`, { details: { issues } });
  }
}

interface KindFields {
  config: Record<string, unknown>;
  nextFireAt?: Date | null;
  sourceFlowId?: string | null;
}

/** Validates a kind's config (naming `config.<field>`), with what it implies for the row. */
async function kindFields(
  db: Db,
  access: WorkspaceAccess,
  kind: TriggerKind,
  flowId: string,
  value: unknown,
  now: number,
): Promise<KindFields> {
  switch (kind) {
    case "schedule": {
      const config = parseSchedule(value, now);
      const next = nextFireAfter(config, now);
      return { config, nextFireAt: next === null ? null : new Date(next) };
    }
    case "webhook": {
      const parsed = webhookConfigSchema.safeParse(value ?? {});
      if (!parsed.success) throw validationError(parsed.error, ["config"]);
      const credentialId = webhookCredentialId(parsed.data);
      if (credentialId) {
        const credential = await db.credential.findFirst({
          where: { id: credentialId, workspaceId: access.workspace.id },
          select: { type: true },
        });
        if (!credential || credential.type !== WEBHOOK_SECRET_CREDENTIAL_TYPE) {
          throw fieldError(
            ["config", "verification", "credentialId"],
            `is not a ${WEBHOOK_SECRET_CREDENTIAL_TYPE} credential of this workspace`,
          );
        }
      }
      return { config: parsed.data };
    }
    case "flow-event": {
      const parsed = flowEventConfigSchema.safeParse(value ?? {});
      if (!parsed.success) throw validationError(parsed.error, ["config"]);
      const { sourceFlowId } = parsed.data;
      if (sourceFlowId === flowId) throw fieldError(["config", "sourceFlowId"], "must be another flow (a flow cannot start itself)");
      const source = await db.flow.findFirst({ where: { id: sourceFlowId, workspaceId: access.workspace.id }, select: { id: true } });
      if (!source) throw fieldError(["config", "sourceFlowId"], "is not a flow of this workspace");
      if (await reaches(db, access.workspace.id, flowId, sourceFlowId)) {
        throw fieldError(
          ["config", "sourceFlowId"],
          "would start a loop: its runs are already started, directly or not, by this flow's runs",
        );
      }
      return { config: parsed.data, sourceFlowId };
    }
  }
}

/** Whether runs of `from` start runs of `to` through existing flow-event triggers. */
async function reaches(db: Db, workspaceId: string, from: string, to: string): Promise<boolean> {
  const edges = await db.trigger.findMany({ where: { workspaceId, kind: "flow-event" }, select: { flowId: true, sourceFlowId: true } });
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) return true;
    for (const edge of edges) {
      if (edge.sourceFlowId === current && !seen.has(edge.flowId)) {
        seen.add(edge.flowId);
        queue.push(edge.flowId);
      }
    }
  }
  return false;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export async function createTrigger(
  ctx: AuthzContext,
  workspace: string,
  input: z.output<typeof createTriggerSchema>,
): Promise<TriggerDto> {
  const { access, flow } = await authorizeFlow(ctx, workspace, input.flowId, "flow:write");
  const now = Date.now();
  const fields = await kindFields(ctx.db, access, input.kind, flow.id, input.config, now);
  const parameters = input.parameters ?? {};
  checkParameters(input.kind, await documentOf(ctx.db, flow.id, access.workspace.id), parameters);
  const row = await ctx.db.trigger.create({
    data: {
      workspaceId: access.workspace.id,
      flowId: flow.id,
      kind: input.kind,
      name: input.name || null,
      config: json({ ...fields.config, parameters }),
      paused: input.paused ?? false,
      nextFireAt: fields.nextFireAt ?? null,
      sourceFlowId: fields.sourceFlowId ?? null,
      hookId: input.kind === "webhook" ? createHookId() : null,
    },
  });
  return dto(row, now);
}

export async function updateTrigger(
  ctx: AuthzContext,
  workspace: string,
  triggerId: string,
  input: z.output<typeof updateTriggerSchema>,
): Promise<TriggerDto> {
  const { access, trigger } = await authorizeTrigger(ctx, workspace, triggerId, "flow:write");
  const kind = trigger.kind as TriggerKind;
  const now = Date.now();
  let current: { config: unknown; parameters: Record<string, unknown> } | undefined;
  try {
    current = readStoredConfig(kind, trigger.config);
  } catch {
    current = undefined; // an unreadable config must be replaced: `config` is then required below
  }
  if (input.config === undefined && !current) throw fieldError(["config"], "is required: the stored config cannot be read");
  // A schedule's stored form is also valid input; its anchor and start are kept unless sent.
  const fields =
    input.config !== undefined || kind === "schedule"
      ? await kindFields(ctx.db, access, kind, trigger.flowId, input.config ?? current?.config, now)
      : { config: current!.config as Record<string, unknown> };
  const parameters = input.parameters ?? current?.parameters ?? {};
  checkParameters(kind, await documentOf(ctx.db, trigger.flowId, access.workspace.id), parameters);
  const row = await ctx.db.trigger.update({
    where: { id: trigger.id },
    data: {
      ...(input.name !== undefined ? { name: input.name || null } : {}),
      config: json({ ...fields.config, parameters }),
      ...(fields.nextFireAt !== undefined ? { nextFireAt: fields.nextFireAt } : {}),
      ...(fields.sourceFlowId !== undefined ? { sourceFlowId: fields.sourceFlowId } : {}),
      lastError: null,
    },
  });
  forgetHook(trigger.hookId);
  return dto(row, now);
}

/**
 * Pausing keeps the schedule; resuming starts from the next fire after now, so fires that
 * fell while it was paused are not caught up (they were not missed, they were not wanted).
 */
export async function setTriggerPaused(ctx: AuthzContext, workspace: string, triggerId: string, paused: boolean): Promise<TriggerDto> {
  const { trigger } = await authorizeTrigger(ctx, workspace, triggerId, "flow:write");
  const now = Date.now();
  let nextFireAt: Date | null | undefined;
  if (!paused && trigger.kind === "schedule") {
    try {
      const next = nextFireAfter(readStoredConfig("schedule", trigger.config).config, now);
      nextFireAt = next === null ? null : new Date(next);
    } catch {
      nextFireAt = null;
    }
  }
  const row = await ctx.db.trigger.update({
    where: { id: trigger.id },
    data: { paused, ...(nextFireAt !== undefined ? { nextFireAt } : {}) },
  });
  forgetHook(trigger.hookId);
  return dto(row, now);
}

export async function deleteTrigger(ctx: AuthzContext, workspace: string, triggerId: string): Promise<void> {
  const { trigger } = await authorizeTrigger(ctx, workspace, triggerId, "flow:write");
  await ctx.db.trigger.delete({ where: { id: trigger.id } });
  forgetHook(trigger.hookId);
}

/** This process's webhook endpoint answers from the changed trigger at once, not after its cache expires. */
function forgetHook(hookId: string | null): void {
  if (hookId) forgetWebhook(hookId);
}

/** What the triggers page of a flow shows: its triggers, the other flows (flow-event sources) and the webhook secrets to pick from. */
export async function triggersPageData(ctx: AuthzContext, workspace: string, flowId: string) {
  const { access, flow } = await authorizeFlow(ctx, workspace, flowId, "workspace:read");
  const [triggers, flows, secrets] = await Promise.all([
    listTriggers(ctx, workspace, { flowId: flow.id }),
    ctx.db.flow.findMany({
      where: { workspaceId: access.workspace.id, NOT: { id: flow.id } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    ctx.db.credential.findMany({
      where: { workspaceId: access.workspace.id, type: WEBHOOK_SECRET_CREDENTIAL_TYPE },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { flow: { id: flow.id, name: flow.name }, triggers, flows, secrets, access };
}
