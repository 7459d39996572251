import type { Db } from "@/lib/server/db/client";
import { directSqliteOf, errorCode } from "@/lib/server/db/direct-sqlite";
import { orderedId } from "@/lib/server/db/ordered-id";
import type { Provider } from "@/lib/server/db/schema-files";
import { insertStatements, type ColumnType, type SqlStatement } from "@/lib/server/run-store/bulk-sql";
import { sqliteTimestamp } from "@/lib/server/run-store/sqlite-values";

/**
 * WebhookDelivery rows, written on every webhook request before it is answered. On SQLite they
 * go through prepared statements on Prisma's own connection (lib/server/db/direct-sqlite.ts):
 * through Prisma, these two writes alone cost more than the rest of the endpoint.
 */

export interface NewDelivery {
  triggerId: string;
  messageId: string | null;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
  /** Set when the delivery is stored for a run that exists already (deduplicated by the flow's idempotency key). */
  runId?: string;
}

/** A delivery with this trigger's `webhook-id` is already stored. */
export class DuplicateDeliveryError extends Error {}

const isPrismaUniqueViolation = (err: unknown): boolean => typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

/** A unique violation of a delivery written in plain SQL: SQLite's, or Prisma's raw-query error around the driver's. */
export function isDuplicateDelivery(err: unknown): boolean {
  if (err instanceof DuplicateDeliveryError || errorCode(err) === "SQLITE_CONSTRAINT_UNIQUE" || isPrismaUniqueViolation(err)) return true;
  const meta = (err as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null)?.meta;
  return errorCode(err) === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

export const newDeliveryId = (): string => orderedId("whd_");

const DELIVERY_COLUMNS = {
  id: "text",
  triggerId: "text",
  messageId: "text",
  receivedAt: "timestamp",
  headers: "json",
  body: "text",
  runId: "text",
} as const satisfies Record<string, ColumnType>;

/** The INSERT of a delivery that already knows its run, to be written in the run's own transaction. */
export function deliveryInsertSql(provider: Provider, delivery: NewDelivery & { id: string; runId: string }): SqlStatement {
  const row = { ...delivery, headers: JSON.stringify(delivery.headers) };
  return insertStatements(provider, "WebhookDelivery", DELIVERY_COLUMNS, [row], "")[0]!;
}

const INSERT = `INSERT INTO "WebhookDelivery" ("id", "triggerId", "messageId", "receivedAt", "headers", "body", "runId") VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** Stores the delivery; throws DuplicateDeliveryError when its message id was seen before. */
export async function recordDelivery(db: Db, delivery: NewDelivery): Promise<string> {
  const direct = directSqliteOf(db);
  try {
    if (direct) {
      const id = newDeliveryId();
      const { triggerId, messageId, headers, body, receivedAt, runId } = delivery;
      await direct.run(INSERT, id, triggerId, messageId, sqliteTimestamp(receivedAt), JSON.stringify(headers), body, runId ?? null);
      return id;
    }
    const row = await db.webhookDelivery.create({
      data: { ...delivery, receivedAt: new Date(delivery.receivedAt) },
      select: { id: true },
    });
    return row.id;
  } catch (err) {
    if (errorCode(err) === "SQLITE_CONSTRAINT_UNIQUE" || isPrismaUniqueViolation(err))
      throw new DuplicateDeliveryError("duplicate delivery");
    throw err;
  }
}
