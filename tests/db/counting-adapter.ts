import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { createAdapterFactory } from "@/lib/server/db/adapters";

/**
 * Counts what a Prisma client really sends to the database: explicit transactions and
 * statements run outside one (each its own implicit transaction), by wrapping the driver
 * adapter the client talks through.
 */
export interface DatabaseRoundTrips {
  transactions: number;
  statementsInTransactions: number;
  statementsOutsideTransactions: number;
}

function forwarding<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(t, property, t);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export function countingAdapterFactory(url: string): { factory: SqlDriverAdapterFactory; counts: DatabaseRoundTrips; reset: () => void } {
  const inner = createAdapterFactory(url);
  const counts: DatabaseRoundTrips = { transactions: 0, statementsInTransactions: 0, statementsOutsideTransactions: 0 };
  const countTransaction = (tx: Transaction): Transaction =>
    forwarding(tx, {
      queryRaw: (q: Parameters<Transaction["queryRaw"]>[0]) => (counts.statementsInTransactions++, tx.queryRaw(q)),
      executeRaw: (q: Parameters<Transaction["executeRaw"]>[0]) => (counts.statementsInTransactions++, tx.executeRaw(q)),
    });
  const countAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    forwarding(adapter, {
      queryRaw: (q: Parameters<SqlDriverAdapter["queryRaw"]>[0]) => (counts.statementsOutsideTransactions++, adapter.queryRaw(q)),
      executeRaw: (q: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => (counts.statementsOutsideTransactions++, adapter.executeRaw(q)),
      startTransaction: async (isolation?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) => {
        counts.transactions++;
        return countTransaction(await adapter.startTransaction(isolation));
      },
    });
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => countAdapter(await inner.connect()),
  };
  return {
    factory,
    counts,
    reset: () => {
      counts.transactions = 0;
      counts.statementsInTransactions = 0;
      counts.statementsOutsideTransactions = 0;
    },
  };
}
