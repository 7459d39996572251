import type { Logger } from "@/lib/engine/node-definition";
import type { Db } from "@/lib/server/db/client";
import type { Runtime } from "@/lib/server/runtime/runtime";
import { planFire } from "./catch-up";
import { readStoredConfig } from "./trigger-config";
import { startTriggeredRun } from "./triggered-run";

/**
 * The schedule loop: every tick it reads the due schedule triggers (the (kind, paused,
 * nextFireAt) index) and fires each. Any number of processes may run it on one database:
 * a fire is claimed by moving `nextFireAt` from the value read to the next fire with
 * `UPDATE … WHERE id = ? AND nextFireAt = ?`, which exactly one process wins, on SQLite and
 * PostgreSQL alike. The winner then submits the run. A process that dies between the claim
 * and the submission loses that one fire (at most once per fire, never twice).
 */

export interface SchedulerOptions {
  db: () => Db;
  runtime: () => Pick<Runtime, "submitRun">;
  logger: Logger;
  now?: () => number;
  tickMs?: number;
  /** Due triggers read per tick (the rest wait for the next). */
  batch?: number;
}

export interface Scheduler {
  /** Fires what is due now; resolves with the ids of the runs started. Ticks never overlap. */
  tick(): Promise<string[]>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 1_000;
  const batch = options.batch ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<string[]> | undefined;

  async function fireDue(): Promise<string[]> {
    const db = options.db();
    const at = now();
    const due = await db.trigger.findMany({
      where: { kind: "schedule", paused: false, nextFireAt: { lte: new Date(at) } },
      orderBy: { nextFireAt: "asc" },
      take: batch,
      select: { id: true, workspaceId: true, flowId: true, config: true, nextFireAt: true },
    });
    const started: string[] = [];
    for (const trigger of due) {
      const runId = await fireOne(db, trigger, at).catch((err: unknown) => {
        options.logger.error("schedule fire failed", { triggerId: trigger.id, error: err instanceof Error ? err.message : String(err) });
        return undefined;
      });
      if (runId) started.push(runId);
    }
    return started;
  }

  async function fireOne(
    db: Db,
    trigger: { id: string; workspaceId: string; flowId: string; config: unknown; nextFireAt: Date | null },
    at: number,
  ): Promise<string | undefined> {
    if (!trigger.nextFireAt) return undefined;
    let stored;
    try {
      stored = readStoredConfig("schedule", trigger.config);
    } catch (e) {
      // An unreadable schedule would be read again every tick: park it with the reason.
      await db.trigger.updateMany({
        where: { id: trigger.id, nextFireAt: trigger.nextFireAt },
        data: { nextFireAt: null, lastError: `The schedule's config cannot be read: ${String(e)}`.slice(0, 1000) },
      });
      return undefined;
    }
    const plan = planFire(stored.config, trigger.nextFireAt.getTime(), at);
    const claim = await db.trigger.updateMany({
      where: { id: trigger.id, nextFireAt: trigger.nextFireAt, paused: false },
      data: {
        nextFireAt: plan.next === null ? null : new Date(plan.next),
        ...(plan.fireAt !== undefined ? { lastFiredAt: new Date(at) } : {}),
      },
    });
    if (claim.count !== 1) return undefined; // another process fired it (or it was paused or edited)
    if (plan.missed) {
      options.logger.info(plan.fireAt === undefined ? "skipped missed schedule fires" : "running missed schedule fires once", {
        triggerId: trigger.id,
        missedSince: trigger.nextFireAt.toISOString(),
      });
    }
    if (plan.fireAt === undefined) return undefined;
    const result = await startTriggeredRun(db, options.runtime(), {
      trigger,
      kind: "schedule",
      params: stored.parameters,
      scheduledAt: plan.fireAt,
    });
    if (!result.ok && result.refused && plan.next !== null) {
      // This process is shutting down: hand the fire back, so the next process to tick fires it.
      await db.trigger.updateMany({ where: { id: trigger.id, nextFireAt: new Date(plan.next) }, data: { nextFireAt: trigger.nextFireAt } });
      return undefined;
    }
    if (!result.ok) options.logger.warn("schedule started no run", { triggerId: trigger.id, error: result.error });
    return result.ok ? result.runId : undefined;
  }

  const scheduler: Scheduler = {
    tick() {
      running ??= fireDue().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        void scheduler.tick().catch((err: unknown) => options.logger.warn("scheduler tick failed", { error: String(err) }));
      }, tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
  return scheduler;
}
