import { z } from "zod";
import { flowDocumentSchema } from "@/lib/engine/flow-document";
import type { ArtifactInput } from "@/lib/engine/node-definition";
import type { ArtifactRecord, CacheEntry, RunEvent, RunPatch, RunRecord, StepRecord } from "@/lib/engine/run-store";
import { RUN_STATES, STEP_STATES } from "@/lib/engine/states";
import { Prisma } from "@/lib/server/db/generated/sqlite/client";
import type { ArtifactRowValues, EventRowValues, JsonText, StepRowValues } from "./bulk-sql";
import type {
  Artifact as ArtifactRow,
  CacheEntry as CacheRow,
  Run as RunRow,
  RunEvent as RunEventRow,
  StepRun as StepRow,
} from "@/lib/server/db/generated/sqlite/client";

/**
 * Conversions between the engine's records (epoch milliseconds, optional fields) and rows
 * (Dates, nullable columns). Json read back from the database is parsed with zod: a row that
 * no longer fits fails loudly here instead of deep inside the engine.
 */

const serializedErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  category: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const attemptsSchema = z.array(
  z.object({ attempt: z.number(), startedAt: z.number(), finishedAt: z.number(), error: serializedErrorSchema.optional() }),
);

const triggerSchema = z.object({
  kind: z.enum(["manual", "webhook", "schedule", "flow-event", "subflow", "cli", "test"]),
  id: z.string().optional(),
});

const artifactSchema: z.ZodType<ArtifactInput> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("markdown"), title: z.string().optional(), body: z.string() }),
  z.object({ kind: z.literal("table"), title: z.string().optional(), columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) }),
  z.object({ kind: z.literal("link"), title: z.string().optional(), url: z.string(), label: z.string().optional() }),
]);

const objectSchema = z.record(z.string(), z.unknown());
const runStateSchema = z.enum(RUN_STATES);
const stepStateSchema = z.enum(STEP_STATES);

type JsonInput = Prisma.InputJsonValue;
type NullableJsonInput = JsonInput | typeof Prisma.JsonNull | typeof Prisma.DbNull;

/**
 * A plain JSON copy of a value: taken when a write is buffered, so a later change to the
 * object cannot alter what is stored, and a value JSON cannot hold fails at the write call.
 */
export function toJson(value: unknown): JsonInput | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonInput | null);
}

/** JSON text for a column written with plain SQL: `undefined` is SQL NULL, `null` the JSON text `null`. */
export function jsonText(value: unknown): JsonText {
  if (value === undefined) return null;
  return JSON.stringify(value) ?? null;
}

/** Json for a nullable column: `undefined` is SQL NULL, `null` is JSON null, so reads can tell them apart. */
export function toNullableJson(value: unknown): NullableJsonInput {
  if (value === undefined) return Prisma.DbNull;
  const json = toJson(value);
  return json === null ? Prisma.JsonNull : json;
}

/** Json for a required column (JSON null allowed). */
function toRequiredJson(value: unknown): JsonInput | typeof Prisma.JsonNull {
  const json = toJson(value);
  return json === null ? Prisma.JsonNull : json;
}

const toDate = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));
const toMs = (date: Date | null): number | undefined => (date === null ? undefined : date.getTime());

// ---- runs

export function runToCreateData(run: RunRecord): Prisma.RunUncheckedCreateInput {
  return {
    id: run.id,
    workspaceId: run.workspaceId ?? null,
    flowId: run.flowId ?? null,
    flowVersion: run.flowVersion ?? null,
    document: toRequiredJson(run.document),
    state: run.state,
    params: toRequiredJson(run.params),
    trigger: toRequiredJson(run.trigger),
    dryRun: run.dryRun,
    parentRunId: run.parentRunId ?? null,
    attempt: run.attempt,
    owner: run.owner ?? null,
    error: toNullableJson(run.error),
    output: toNullableJson(run.output),
    createdAt: new Date(run.createdAt),
    scheduledAt: toDate(run.scheduledAt),
    startedAt: toDate(run.startedAt),
    finishedAt: toDate(run.finishedAt),
    heartbeatAt: toDate(run.heartbeatAt),
  };
}

/** A patch as stored: a field present with `undefined` clears the column, as the in-memory store does. */
export type StoredRunPatch = Prisma.RunUncheckedUpdateInput;

export function runPatchToData(patch: RunPatch): StoredRunPatch {
  const data: StoredRunPatch = {};
  const has = (key: keyof RunPatch) => Object.hasOwn(patch, key);
  if (has("state") && patch.state !== undefined) data.state = patch.state;
  if (has("attempt") && patch.attempt !== undefined) data.attempt = patch.attempt;
  if (has("startedAt")) data.startedAt = toDate(patch.startedAt);
  if (has("finishedAt")) data.finishedAt = toDate(patch.finishedAt);
  if (has("heartbeatAt")) data.heartbeatAt = toDate(patch.heartbeatAt);
  if (has("owner")) data.owner = patch.owner ?? null;
  if (has("error")) data.error = toNullableJson(patch.error);
  if (has("output")) data.output = toNullableJson(patch.output);
  return data;
}

/** `outputIsJsonNull` tells a stored JSON null output from none (both read back as null). */
export function rowToRun(row: RunRow, outputIsJsonNull: boolean): RunRecord {
  const run: RunRecord = {
    id: row.id,
    document: flowDocumentSchema.parse(row.document),
    state: runStateSchema.parse(row.state),
    params: objectSchema.parse(row.params),
    trigger: triggerSchema.parse(row.trigger),
    dryRun: row.dryRun,
    attempt: row.attempt,
    createdAt: row.createdAt.getTime(),
  };
  if (row.workspaceId !== null) run.workspaceId = row.workspaceId;
  if (row.flowId !== null) run.flowId = row.flowId;
  if (row.flowVersion !== null) run.flowVersion = row.flowVersion;
  if (row.parentRunId !== null) run.parentRunId = row.parentRunId;
  if (row.scheduledAt !== null) run.scheduledAt = row.scheduledAt.getTime();
  if (row.startedAt !== null) run.startedAt = row.startedAt.getTime();
  if (row.finishedAt !== null) run.finishedAt = row.finishedAt.getTime();
  if (row.heartbeatAt !== null) run.heartbeatAt = row.heartbeatAt.getTime();
  if (row.owner !== null) run.owner = row.owner;
  if (row.error !== null) run.error = serializedErrorSchema.parse(row.error);
  if (row.output !== null || outputIsJsonNull) run.output = row.output;
  return run;
}

// ---- steps

let idCounter = 0;

/**
 * Step row ids, made here because steps are written with plain SQL. They sort in creation
 * order within a process (time, then a counter), which is the order `listSteps` returns.
 */
export function newStepId(now = Date.now()): string {
  idCounter = (idCounter + 1) % 36 ** 5;
  const random = Math.floor(Math.random() * 36 ** 4);
  return `s${now.toString(36).padStart(9, "0")}${idCounter.toString(36).padStart(5, "0")}${random.toString(36).padStart(4, "0")}`;
}

export function stepToRow(step: StepRecord): StepRowValues {
  return {
    id: newStepId(),
    runId: step.runId,
    key: step.key,
    nodeId: step.nodeId,
    mapIndex: step.mapIndex ?? null,
    state: step.state,
    input: jsonText(step.input),
    output: jsonText(step.output),
    ports: jsonText(step.ports),
    error: jsonText(step.error),
    attempts: jsonText(step.attempts) ?? "[]",
    cacheKey: step.cacheKey ?? null,
    startedAt: step.startedAt ?? null,
    finishedAt: step.finishedAt ?? null,
  };
}

/** `jsonNull` names the input/output columns holding JSON null (not absent) for this row. */
export function rowToStep(row: StepRow, jsonNull: { input: boolean; output: boolean }): StepRecord {
  const step: StepRecord = {
    runId: row.runId,
    key: row.key,
    nodeId: row.nodeId,
    state: stepStateSchema.parse(row.state),
    attempts: attemptsSchema.parse(row.attempts),
  };
  if (row.mapIndex !== null) step.mapIndex = row.mapIndex;
  if (row.input !== null || jsonNull.input) step.input = row.input;
  if (row.output !== null || jsonNull.output) step.output = row.output;
  if (row.ports !== null) step.ports = objectSchema.parse(row.ports);
  if (row.error !== null) step.error = serializedErrorSchema.parse(row.error);
  if (row.cacheKey !== null) step.cacheKey = row.cacheKey;
  const startedAt = toMs(row.startedAt);
  if (startedAt !== undefined) step.startedAt = startedAt;
  const finishedAt = toMs(row.finishedAt);
  if (finishedAt !== undefined) step.finishedAt = finishedAt;
  return step;
}

// ---- events

export function eventToRow(event: RunEvent): EventRowValues {
  return {
    runId: event.runId,
    seq: event.seq,
    at: event.at,
    type: event.type,
    stepKey: event.stepKey ?? null,
    data: jsonText(event.data),
  };
}

export function rowToEvent(row: RunEventRow): RunEvent {
  const event: RunEvent = { runId: row.runId, seq: row.seq, at: row.at.getTime(), type: row.type };
  if (row.stepKey !== null) event.stepKey = row.stepKey;
  if (row.data !== null) event.data = objectSchema.parse(row.data);
  return event;
}

// ---- artifacts

export function artifactToRow(record: ArtifactRecord): ArtifactRowValues {
  return {
    id: record.id,
    runId: record.runId,
    stepKey: record.stepKey,
    kind: record.artifact.kind,
    title: record.artifact.title ?? null,
    payload: jsonText(record.artifact) ?? "null",
    createdAt: record.createdAt,
  };
}

export function rowToArtifact(row: ArtifactRow): ArtifactRecord {
  return {
    id: row.id,
    runId: row.runId,
    stepKey: row.stepKey,
    createdAt: row.createdAt.getTime(),
    artifact: artifactSchema.parse(row.payload),
  };
}

// ---- cache

export function cacheToData(entry: CacheEntry): Prisma.CacheEntryUncheckedCreateInput {
  return {
    key: entry.key,
    output: toNullableJson(entry.output),
    ports: toNullableJson(entry.ports),
    storedAt: new Date(entry.storedAt),
    expiresAt: new Date(entry.expiresAt),
  };
}

export function rowToCache(row: CacheRow): CacheEntry {
  const entry: CacheEntry = { key: row.key, output: row.output, storedAt: row.storedAt.getTime(), expiresAt: row.expiresAt.getTime() };
  if (row.ports !== null) entry.ports = objectSchema.parse(row.ports);
  return entry;
}
