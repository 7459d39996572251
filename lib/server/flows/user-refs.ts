import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/db/generated/sqlite/client";
import type { UserRef } from "./flow-dto";

/** Loads the named users at once (flows and versions keep author ids without a relation). */
export async function userRefs(db: Db | Prisma.TransactionClient, ids: (string | null | undefined)[]): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}
