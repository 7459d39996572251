import type { SqliteValue } from "@/lib/server/db/direct-sqlite";
import { Prisma } from "@/lib/server/db/generated/sqlite/client";

/**
 * Values between Prisma's shapes and SQLite's columns, for the run store's direct SQL path.
 * Written exactly as Prisma writes them (timestamps as ISO text with `+00:00`, Json as its
 * text, Boolean as 0/1, JSON null as the text `null`, absent as SQL NULL), so Prisma reads
 * these rows like its own and the other way round.
 */

export type ColumnKind = "text" | "int" | "bool" | "json" | "timestamp";

export const RUN_COLUMNS = {
  id: "text",
  workspaceId: "text",
  flowId: "text",
  flowVersion: "int",
  document: "json",
  state: "text",
  params: "json",
  trigger: "json",
  dryRun: "bool",
  parentRunId: "text",
  attempt: "int",
  idempotencyKey: "text",
  scheduledAt: "timestamp",
  owner: "text",
  error: "json",
  output: "json",
  createdAt: "timestamp",
  startedAt: "timestamp",
  finishedAt: "timestamp",
  heartbeatAt: "timestamp",
} as const satisfies Record<string, ColumnKind>;

export const STEP_COLUMNS = {
  id: "text",
  runId: "text",
  key: "text",
  nodeId: "text",
  mapIndex: "int",
  state: "text",
  input: "json",
  output: "json",
  ports: "json",
  error: "json",
  attempts: "json",
  cacheKey: "text",
  startedAt: "timestamp",
  finishedAt: "timestamp",
} as const satisfies Record<string, ColumnKind>;

export const EVENT_COLUMNS = {
  runId: "text",
  seq: "int",
  at: "timestamp",
  type: "text",
  stepKey: "text",
  data: "json",
} as const satisfies Record<string, ColumnKind>;

export const ARTIFACT_COLUMNS = {
  id: "text",
  runId: "text",
  stepKey: "text",
  kind: "text",
  title: "text",
  payload: "json",
  createdAt: "timestamp",
} as const satisfies Record<string, ColumnKind>;

export const CACHE_COLUMNS = {
  key: "text",
  output: "json",
  ports: "json",
  storedAt: "timestamp",
  expiresAt: "timestamp",
} as const satisfies Record<string, ColumnKind>;

export const sqliteTimestamp = (date: Date | number): string => new Date(date).toISOString().replace("Z", "+00:00");

/** A value of a Prisma create/update input as the column holds it. */
export function encodeValue(kind: ColumnKind, value: unknown): SqliteValue {
  if (value === null || value === undefined || value === Prisma.DbNull) return null;
  if (value === Prisma.JsonNull) return "null";
  switch (kind) {
    case "json":
      return JSON.stringify(value);
    case "timestamp":
      return sqliteTimestamp(value as Date | number);
    case "bool":
      return value ? 1 : 0;
    case "int":
      return Number(value);
    case "text":
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

/** A column as Prisma reads it: Date, parsed Json, boolean. */
export function decodeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "json":
      return JSON.parse(value as string);
    case "timestamp":
      return new Date(value as string | number);
    case "bool":
      return value === 1 || value === true || value === "1";
    case "int":
      return Number(value);
    case "text":
      return value;
  }
}

/** A raw row decoded into the model's row shape. */
export function decodeRow<T>(columns: Record<string, ColumnKind>, raw: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const name in columns) row[name] = decodeValue(columns[name]!, raw[name]);
  return row as T;
}

/** `"c1", "c2"` for a SELECT of the model's columns. */
export const columnList = (columns: Record<string, ColumnKind>): string =>
  Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(", ");
