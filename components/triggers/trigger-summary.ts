import type { TriggerDto } from "@/lib/server/triggers/trigger-dto";

export const KIND_LABELS: Record<TriggerDto["kind"], string> = { schedule: "Schedule", webhook: "Webhook", "flow-event": "Flow event" };

/** A one-line description of what the trigger does, e.g. `cron 0 9 * * 1-5 (Europe/Berlin)`. */
export function describeTrigger(trigger: TriggerDto, flowName: (id: string) => string): string {
  const c = trigger.config;
  switch (trigger.kind) {
    case "schedule":
      if (c.type === "cron") return `Cron ${String(c.expression)} (${String(c.timezone)})`;
      if (c.type === "interval") return `Every ${String(c.everySeconds)} s`;
      return `RRULE ${String(c.rrule)} (${String(c.timezone)}, from ${String(c.dtstart)})`;
    case "webhook": {
      const verification = (c.verification as { scheme?: string } | undefined)?.scheme ?? "none";
      const methods = Array.isArray(c.methods) ? c.methods.join(", ") : "POST";
      return `${methods} · verification: ${verification}`;
    }
    case "flow-event": {
      const on = c.on === "both" ? "fails or completes" : c.on === "completed" ? "completes" : "fails";
      return `When a run of “${flowName(String(c.sourceFlowId))}” ${on}`;
    }
  }
}

export function scheduleZone(trigger: TriggerDto): string {
  return typeof trigger.config.timezone === "string" ? trigger.config.timezone : "UTC";
}
