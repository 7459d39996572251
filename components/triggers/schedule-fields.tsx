"use client";

import { useEffect, useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { FireTimes } from "./fire-times";

export type ScheduleType = "cron" | "interval" | "rrule";

export interface ScheduleDraft {
  type: ScheduleType;
  expression: string;
  timezone: string;
  everySeconds: string;
  rrule: string;
  catchUp: "once" | "skip";
}

export const EMPTY_SCHEDULE: ScheduleDraft = {
  type: "cron",
  expression: "0 9 * * 1-5",
  timezone: "UTC",
  everySeconds: "300",
  rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9",
  catchUp: "once",
};

/** The API's config for a draft. */
export function scheduleConfig(draft: ScheduleDraft): Record<string, unknown> {
  const catchUp = draft.catchUp;
  if (draft.type === "cron") return { type: "cron", expression: draft.expression, timezone: draft.timezone, catchUp };
  if (draft.type === "interval") return { type: "interval", everySeconds: Number(draft.everySeconds), catchUp };
  return { type: "rrule", rrule: draft.rrule, timezone: draft.timezone, catchUp };
}

const textareaClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus-visible:outline-none aria-[invalid=true]:ring-red-500";

/** Cron / interval / RRULE fields with a live preview of the next five fires, computed by the server. */
export function ScheduleFields({ ws, draft, onChange }: { ws: string; draft: ScheduleDraft; onChange: (draft: ScheduleDraft) => void }) {
  const [preview, setPreview] = useState<{ fires: string[]; zone: string } | { error: string; field?: string }>();
  const set = (patch: Partial<ScheduleDraft>) => onChange({ ...draft, ...patch });

  useEffect(() => {
    // Stale answers are ignored rather than aborted: an aborted request is only noise in the server's log.
    let stale = false;
    const timer = setTimeout(() => {
      const config = scheduleConfig(draft);
      apiFetch<{ nextFires: string[]; config: { timezone?: string } }>(`/api/w/${encodeURIComponent(ws)}/triggers/preview`, {
        body: { config },
      }).then(
        (res) => !stale && setPreview({ fires: res.nextFires, zone: res.config.timezone ?? "UTC" }),
        (err: unknown) => {
          if (stale) return;
          const fields = err instanceof ApiRequestError ? err.fieldErrors() : {};
          const [field, message] = Object.entries(fields)[0] ?? [];
          setPreview({ error: message ?? errorMessage(err), field: field?.replace(/^config\./, "") });
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      stale = true;
    };
  }, [ws, draft]);

  const fieldError = (name: string) => (preview && "error" in preview && preview.field === name ? preview.error : undefined);

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Schedule type">
        {(p) => (
          <Select {...p} value={draft.type} onChange={(e) => set({ type: e.target.value as ScheduleType })}>
            <option value="cron">Cron expression</option>
            <option value="interval">Fixed interval</option>
            <option value="rrule">Recurrence rule (RRULE)</option>
          </Select>
        )}
      </Field>
      {draft.type !== "interval" ? (
        <Field label="Time zone" hint="An IANA name, e.g. Europe/Berlin or America/New_York" error={fieldError("timezone")}>
          {(p) => <Input {...p} value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })} />}
        </Field>
      ) : null}
      {draft.type === "cron" ? (
        <Field
          label="Cron expression"
          hint="minute hour day-of-month month day-of-week (6 fields: seconds first)"
          error={fieldError("expression")}
        >
          {(p) => <Input {...p} className="font-mono" value={draft.expression} onChange={(e) => set({ expression: e.target.value })} />}
        </Field>
      ) : null}
      {draft.type === "interval" ? (
        <Field label="Every (seconds)" error={fieldError("everySeconds")}>
          {(p) => <Input {...p} type="number" min={1} value={draft.everySeconds} onChange={(e) => set({ everySeconds: e.target.value })} />}
        </Field>
      ) : null}
      {draft.type === "rrule" ? (
        <Field
          label="RRULE"
          hint="RFC 5545, optionally after a DTSTART line; without one it counts from today's midnight"
          error={fieldError("rrule")}
        >
          {(p) => (
            <textarea {...p} rows={3} className={textareaClass} value={draft.rrule} onChange={(e) => set({ rrule: e.target.value })} />
          )}
        </Field>
      ) : null}
      <Field label="Missed fires" hint="Fires more than a minute late because no server was running">
        {(p) => (
          <Select {...p} value={draft.catchUp} onChange={(e) => set({ catchUp: e.target.value as "once" | "skip" })}>
            <option value="once">Run once for the missed window</option>
            <option value="skip">Skip them</option>
          </Select>
        )}
      </Field>
      <div className="sm:col-span-2 rounded-md bg-zinc-50 px-4 py-3 ring-1 ring-inset ring-zinc-200">
        <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">Next five fires</p>
        {!preview ? (
          <p className="text-sm text-zinc-500">Computing…</p>
        ) : "error" in preview ? (
          <p className="text-sm font-medium text-red-600" role="alert" data-testid="schedule-preview-error">
            {preview.field ? `${preview.field}: ` : ""}
            {preview.error}
          </p>
        ) : (
          <FireTimes fires={preview.fires} timeZone={preview.zone} testId="schedule-preview" />
        )}
      </div>
    </div>
  );
}
