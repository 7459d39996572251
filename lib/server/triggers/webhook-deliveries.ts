import type { Db } from "@/lib/server/db/client";
import { directSqliteOf, errorCode } from "@/lib/server/db/direct-sqlite";
import { orderedId } from "@/lib/server/db/ordered-id";
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
}

/** A delivery with this trigger's `webhook-id` is already stored. */
export class DuplicateDeliveryError extends Error {}

const isPrismaUniqueViolation = (err: unknown): boolean => typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

const newDeliveryId = (): string => orderedId("whd_");

const INSERT = `INSERT INTO "WebhookDelivery" ("id", "triggerId", "messageId", "receivedAt", "headers", "body") VALUES (?, ?, ?, ?, ?, ?)`;

/** Stores the delivery; throws DuplicateDeliveryError when its message id was seen before. */
export async function recordDelivery(db: Db, delivery: NewDelivery): Promise<string> {
  const direct = directSqliteOf(db);
  try {
    if (direct) {
      const id = newDeliveryId();
      const { triggerId, messageId, headers, body, receivedAt } = delivery;
      await direct.run(INSERT, id, triggerId, messageId, sqliteTimestamp(receivedAt), JSON.stringify(headers), body);
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

/** Records the run a delivery started. */
export async function attachRun(db: Db, deliveryId: string, runId: string): Promise<void> {
  const direct = directSqliteOf(db);
  if (direct) await direct.run(`UPDATE "WebhookDelivery" SET "runId" = ? WHERE "id" = ?`, runId, deliveryId);
  else await db.webhookDelivery.update({ where: { id: deliveryId }, data: { runId } });
}

/** Removes a delivery that started no run, so the sender's retry is taken afresh. */
export async function dropDelivery(db: Db, deliveryId: string): Promise<void> {
  await db.webhookDelivery.deleteMany({ where: { id: deliveryId } });
}
