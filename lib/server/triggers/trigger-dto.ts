import type { Trigger } from "@/lib/server/db/generated/sqlite/client";
import { nextFires } from "./schedule-math";
import { isTriggerKind, readStoredConfig, type TriggerKind } from "./trigger-config";
import { hookPath } from "./webhook-config";

/** A trigger as the API and the triggers page show it. Webhook configs hold no secret (only a credential id). */
export interface TriggerDto {
  id: string;
  flowId: string;
  kind: TriggerKind;
  name: string | null;
  state: "active" | "paused";
  paused: boolean;
  config: Record<string, unknown>;
  parameters: Record<string, unknown>;
  /** Schedules: when the scheduler fires it next (null when the schedule has ended or is unreadable). */
  nextFireAt: string | null;
  /** Schedules: the next five fires from now, in UTC (the page shows them in the schedule's and the viewer's zone). */
  nextFires: string[];
  /** Webhooks: the public URL to send requests to. */
  webhookUrl: string | null;
  lastFiredAt: string | null;
  lastRunId: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export const NEXT_FIRES_SHOWN = 5;

export function toTriggerDto(row: Trigger, opts: { publicUrl: string; now: number }): TriggerDto {
  const kind: TriggerKind = isTriggerKind(row.kind) ? row.kind : "schedule";
  let config: Record<string, unknown> = {};
  let parameters: Record<string, unknown> = {};
  let fires: string[] = [];
  let lastError = row.lastError;
  try {
    const stored = readStoredConfig(kind, row.config);
    config = stored.config;
    parameters = stored.parameters;
    if (kind === "schedule") {
      fires = nextFires(readStoredConfig("schedule", row.config).config, opts.now, NEXT_FIRES_SHOWN).map((t) => new Date(t).toISOString());
    }
  } catch {
    lastError ??= "The trigger's config cannot be read; edit it to fix it.";
  }
  return {
    id: row.id,
    flowId: row.flowId,
    kind,
    name: row.name,
    state: row.paused ? "paused" : "active",
    paused: row.paused,
    config,
    parameters,
    nextFireAt: row.nextFireAt?.toISOString() ?? null,
    nextFires: fires,
    webhookUrl: kind === "webhook" && row.hookId ? `${opts.publicUrl.replace(/\/+$/, "")}${hookPath(row.hookId)}` : null,
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    lastRunId: row.lastRunId,
    lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
