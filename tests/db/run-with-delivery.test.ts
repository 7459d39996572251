import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunRecord } from "@/lib/engine/run-store";
import { providerOfDb } from "@/lib/server/db/client";
import { newRunId } from "@/lib/server/runtime/runtime";
import { PrismaRunStore } from "@/lib/server/run-store/prisma-run-store";
import { deliveryInsertSql, isDuplicateDelivery, newDeliveryId } from "@/lib/server/triggers/webhook-deliveries";
import { testProviders, withTestDb, type TestDatabase } from "./test-database";

const run = (id: string, workspaceId: string, flowId: string): RunRecord => ({
  id,
  workspaceId,
  flowId,
  document: { schema: "switchyard.flow/v1", name: "Hook", nodes: [], edges: [] },
  state: "pending",
  params: {},
  trigger: { kind: "webhook" },
  dryRun: false,
  attempt: 1,
  createdAt: 1_700_000_000_000,
});

describe.each(await testProviders())("a webhook delivery stored with its run on %s", (provider) => {
  let database: TestDatabase;
  let ids: { workspaceId: string; flowId: string; triggerId: string };
  beforeAll(async () => {
    database = await withTestDb(provider);
    const { db } = database;
    const workspace = await db.workspace.create({ data: { name: "W", slug: `w-${Date.now()}` } });
    const flow = await db.flow.create({ data: { workspaceId: workspace.id, name: "F", draft: {} } });
    const trigger = await db.trigger.create({
      data: { workspaceId: workspace.id, flowId: flow.id, kind: "webhook", hookId: "h1", config: {} },
    });
    ids = { workspaceId: workspace.id, flowId: flow.id, triggerId: trigger.id };
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("stores both in one transaction, and a repeated webhook-id stores neither", async () => {
    const store = new PrismaRunStore(database.db);
    const sql = (runId: string) =>
      deliveryInsertSql(providerOfDb(database.db), {
        id: newDeliveryId(),
        runId,
        triggerId: ids.triggerId,
        messageId: "msg_1",
        headers: { "content-type": "application/json" },
        body: '{"a":1}',
        receivedAt: 1_700_000_000_123,
      });
    const first = newRunId();
    await store.createRunWith(run(first, ids.workspaceId, ids.flowId), [sql(first)]);
    const stored = await database.db.webhookDelivery.findFirstOrThrow({ where: { triggerId: ids.triggerId } });
    expect(stored).toMatchObject({ runId: first, messageId: "msg_1", headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(stored.receivedAt.getTime()).toBe(1_700_000_000_123);

    const second = newRunId();
    const error: unknown = await store.createRunWith(run(second, ids.workspaceId, ids.flowId), [sql(second)]).catch((e: unknown) => e);
    expect(isDuplicateDelivery(error)).toBe(true);
    expect(await database.db.run.findUnique({ where: { id: second } })).toBeNull();
    expect(await database.db.webhookDelivery.count({ where: { triggerId: ids.triggerId } })).toBe(1);
    await store.close();
  });
});
