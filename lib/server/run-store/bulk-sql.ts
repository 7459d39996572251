import type { Provider } from "@/lib/server/db/schema-files";

/**
 * Multi-row INSERT statements for the hot writes of a flush (step results, events,
 * artifacts). Prisma 7 turns a batch of upserts or a createMany into one statement per row
 * with a lot of per-row work in JavaScript; one multi-row statement is many times faster. The
 * SQL is the same on both databases except placeholders and casts, and the values are written
 * in the exact form Prisma itself writes (SQLite: ISO text with `+00:00` and JSON text;
 * PostgreSQL: timestamp(3) in UTC and jsonb), so Prisma reads these rows like its own.
 */

export interface SqlStatement {
  sql: string;
  values: unknown[];
}

export type ColumnType = "text" | "int" | "json" | "timestamp";
type Value = string | number | null;

/** A Json column value: the JSON text, or null for SQL NULL (absent). `"null"` is a stored JSON null. */
export type JsonText = string | null;

export interface StepRowValues {
  id: string;
  runId: string;
  key: string;
  nodeId: string;
  mapIndex: number | null;
  state: string;
  input: JsonText;
  output: JsonText;
  ports: JsonText;
  error: JsonText;
  attempts: string;
  cacheKey: string | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface EventRowValues {
  runId: string;
  seq: number;
  at: number;
  type: string;
  stepKey: string | null;
  data: JsonText;
}

export interface ArtifactRowValues {
  id: string;
  runId: string;
  stepKey: string;
  kind: string;
  title: string | null;
  payload: string;
  createdAt: number;
}

const STEP_COLUMNS: Record<keyof StepRowValues, ColumnType> = {
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
};

const EVENT_COLUMNS: Record<keyof EventRowValues, ColumnType> = {
  runId: "text",
  seq: "int",
  at: "timestamp",
  type: "text",
  stepKey: "text",
  data: "json",
};

const ARTIFACT_COLUMNS: Record<keyof ArtifactRowValues, ColumnType> = {
  id: "text",
  runId: "text",
  stepKey: "text",
  kind: "text",
  title: "text",
  payload: "json",
  createdAt: "timestamp",
};

/** Rows per statement: far below both databases' limits on bound parameters. */
const ROWS_PER_STATEMENT = 200;

const POSTGRES_CAST: Record<ColumnType, string> = { text: "::text", int: "::integer", json: "::jsonb", timestamp: "::timestamp(3)" };

function encode(provider: Provider, type: ColumnType, value: Value): Value {
  if (value === null || type !== "timestamp") return value;
  const iso = new Date(value).toISOString();
  // What Prisma writes: SQLite text `2024-01-02T03:04:05.678+00:00`; PostgreSQL a UTC timestamp.
  return provider === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
}

/** INSERTs of `rows` into `table` (JSON columns given as their text, timestamps as epoch ms). */
export function insertStatements<R extends object>(
  provider: Provider,
  table: string,
  columns: Record<keyof R & string, ColumnType>,
  rows: readonly R[],
  onConflict: string,
): SqlStatement[] {
  const names = Object.keys(columns) as (keyof R & string)[];
  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const values: Value[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = names.map((name) => {
        values.push(encode(provider, columns[name], row[name] as Value));
        return provider === "sqlite" ? "?" : `$${values.length}${POSTGRES_CAST[columns[name]]}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    const columnList = names.map((n) => `"${n}"`).join(", ");
    statements.push({ sql: `INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(", ")}${onConflict}`, values });
  }
  return statements;
}

/** Insert-or-replace of step rows by (runId, key); a replaced row keeps its id. */
export function upsertStepsSql(provider: Provider, rows: readonly StepRowValues[]): SqlStatement[] {
  const updated = (Object.keys(STEP_COLUMNS) as (keyof StepRowValues)[]).filter((c) => c !== "id" && c !== "runId" && c !== "key");
  const onConflict = ` ON CONFLICT ("runId", "key") DO UPDATE SET ${updated.map((c) => `"${c}" = excluded."${c}"`).join(", ")}`;
  return insertStatements(provider, "StepRun", STEP_COLUMNS, rows, onConflict);
}

export function insertEventsSql(provider: Provider, rows: readonly EventRowValues[]): SqlStatement[] {
  return insertStatements(provider, "RunEvent", EVENT_COLUMNS, rows, "");
}

export function insertArtifactsSql(provider: Provider, rows: readonly ArtifactRowValues[]): SqlStatement[] {
  return insertStatements(provider, "Artifact", ARTIFACT_COLUMNS, rows, "");
}
