"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CopyIcon } from "@/components/ui/icons";
import { apiFetch, errorMessage } from "@/lib/client/api";
import type { TriggerDto } from "@/lib/server/triggers/trigger-dto";
import { FireTimes } from "./fire-times";
import { TriggerForm, type Option } from "./trigger-form";
import { describeTrigger, KIND_LABELS, scheduleZone } from "./trigger-summary";

/** The triggers page of a flow: the list with pause, resume and delete, and the create form for editors. */
export function TriggersPanel({
  ws,
  flowId,
  initial,
  flows,
  secrets,
  canWrite,
}: {
  ws: string;
  flowId: string;
  initial: TriggerDto[];
  flows: Option[];
  secrets: Option[];
  canWrite: boolean;
}) {
  const [triggers, setTriggers] = useState(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const base = `/api/w/${encodeURIComponent(ws)}/triggers`;
  const flowName = (id: string) => flows.find((f) => f.id === id)?.name ?? id;

  async function act(trigger: TriggerDto, action: "pause" | "resume" | "delete") {
    if (action === "delete" && !window.confirm(`Delete this ${KIND_LABELS[trigger.kind].toLowerCase()} trigger? It starts no more runs.`))
      return;
    setBusy(trigger.id);
    setError(undefined);
    try {
      if (action === "delete") {
        await apiFetch(`${base}/${encodeURIComponent(trigger.id)}`, { method: "DELETE" });
        setTriggers((list) => list.filter((t) => t.id !== trigger.id));
      } else {
        const res = await apiFetch<{ trigger: TriggerDto }>(`${base}/${encodeURIComponent(trigger.id)}/${action}`, { method: "POST" });
        setTriggers((list) => list.map((t) => (t.id === trigger.id ? res.trigger : t)));
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="space-y-6" data-testid="triggers-panel">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {triggers.length === 0 ? (
        <EmptyState
          title="No triggers yet"
          description="This flow runs only when someone starts it. Add a schedule (cron, interval or RRULE) to run it on time, a webhook to run it from another service's HTTP request, or a flow event to run it when another flow's run fails or completes."
        />
      ) : (
        <ul className="space-y-3">
          {triggers.map((trigger) => (
            <li key={trigger.id}>
              <Card className="px-5 py-4">
                <div data-testid="trigger-row" data-trigger-id={trigger.id} className="space-y-3">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 space-y-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge tone="brand">{KIND_LABELS[trigger.kind]}</Badge>
                        <Badge tone={trigger.paused ? "warning" : "success"}>{trigger.paused ? "Paused" : "Active"}</Badge>
                        {trigger.name ? <span className="font-medium text-zinc-900">{trigger.name}</span> : null}
                      </div>
                      <p className="break-all font-mono text-xs text-zinc-600">{describeTrigger(trigger, flowName)}</p>
                    </div>
                    {canWrite ? (
                      <div className="flex gap-2">
                        <Button
                          variant="secondary"
                          size="sm"
                          busy={busy === trigger.id}
                          onClick={() => void act(trigger, trigger.paused ? "resume" : "pause")}
                        >
                          {trigger.paused ? "Resume" : "Pause"}
                        </Button>
                        <Button variant="ghost" size="sm" disabled={busy === trigger.id} onClick={() => void act(trigger, "delete")}>
                          Delete
                        </Button>
                      </div>
                    ) : null}
                  </div>
                  {trigger.kind === "schedule" ? (
                    <div className={trigger.paused ? "opacity-50" : undefined}>
                      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">
                        {trigger.paused ? "Next fires once resumed" : "Next five fires"}
                      </p>
                      <FireTimes fires={trigger.nextFires} timeZone={scheduleZone(trigger)} testId="next-fires" />
                    </div>
                  ) : null}
                  {trigger.webhookUrl ? <WebhookUrl url={trigger.webhookUrl} /> : null}
                  <div className="flex flex-wrap gap-x-4 text-xs text-zinc-500">
                    {trigger.lastFiredAt ? (
                      <span>Last fired {new Date(trigger.lastFiredAt).toISOString().replace("T", " ").slice(0, 19)} UTC</span>
                    ) : null}
                    {trigger.lastRunId ? (
                      <a
                        className="text-indigo-600 hover:underline"
                        href={`/w/${encodeURIComponent(ws)}/runs/${encodeURIComponent(trigger.lastRunId)}`}
                      >
                        Last run
                      </a>
                    ) : null}
                  </div>
                  {trigger.lastError ? <Alert tone="warning">The last fire started no run: {trigger.lastError}</Alert> : null}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <TriggerForm ws={ws} flowId={flowId} flows={flows} secrets={secrets} onCreated={(t) => setTriggers((list) => [...list, t])} />
      ) : (
        <p className="text-sm text-zinc-500">Editors and above can add, pause and delete triggers.</p>
      )}
    </div>
  );
}

function WebhookUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <code
        className="min-w-0 flex-1 truncate rounded bg-zinc-50 px-2 py-1 font-mono text-xs text-zinc-800 ring-1 ring-inset ring-zinc-200"
        data-testid="webhook-url"
      >
        {url}
      </code>
      <Button
        variant="secondary"
        size="sm"
        aria-label="Copy the webhook URL"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        <CopyIcon className="size-4" />
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
