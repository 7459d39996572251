"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import type { TriggerDto } from "@/lib/server/triggers/trigger-dto";
import { EMPTY_SCHEDULE, ScheduleFields, scheduleConfig, type ScheduleDraft } from "./schedule-fields";
import { KIND_LABELS } from "./trigger-summary";

type Kind = TriggerDto["kind"];
type Scheme = "none" | "standard-webhooks" | "github" | "header-token";

export interface Option {
  id: string;
  name: string;
}

const textareaClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus-visible:outline-none aria-[invalid=true]:ring-red-500";

/** The create form: a schedule, a webhook or a flow event, with optional fixed parameters. */
export function TriggerForm({
  ws,
  flowId,
  flows,
  secrets,
  onCreated,
}: {
  ws: string;
  flowId: string;
  flows: Option[];
  secrets: Option[];
  onCreated: (trigger: TriggerDto) => void;
}) {
  const [kind, setKind] = useState<Kind>("schedule");
  const [name, setName] = useState("");
  const [schedule, setSchedule] = useState<ScheduleDraft>(EMPTY_SCHEDULE);
  const [method, setMethod] = useState("POST");
  const [scheme, setScheme] = useState<Scheme>("none");
  const [credentialId, setCredentialId] = useState(secrets[0]?.id ?? "");
  const [header, setHeader] = useState("X-Webhook-Token");
  const [respond, setRespond] = useState<"async" | "wait">("async");
  const [sourceFlowId, setSourceFlowId] = useState(flows[0]?.id ?? "");
  const [on, setOn] = useState<"failed" | "completed" | "both">("failed");
  const [parameters, setParameters] = useState("");
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  // The browser's zone is the natural default; set after mounting so the server render matches.
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) setSchedule((s) => (s.timezone === "UTC" ? { ...s, timezone: zone } : s));
  }, []);

  function config(): Record<string, unknown> {
    if (kind === "schedule") return scheduleConfig(schedule);
    if (kind === "flow-event") return { sourceFlowId, on };
    const verification =
      scheme === "none" ? { scheme } : scheme === "header-token" ? { scheme, header, credentialId } : { scheme, credentialId };
    return { methods: [method], verification, response: { mode: respond } };
  }

  async function submit() {
    setError(undefined);
    setFieldErrors({});
    let params: unknown = undefined;
    if (parameters.trim() !== "") {
      try {
        params = JSON.parse(parameters);
      } catch {
        setFieldErrors({ parameters: "is not valid JSON" });
        return;
      }
    }
    setBusy(true);
    try {
      const res = await apiFetch<{ trigger: TriggerDto }>(`/api/w/${encodeURIComponent(ws)}/triggers`, {
        body: {
          flowId,
          kind,
          ...(name.trim() ? { name: name.trim() } : {}),
          config: config(),
          ...(params !== undefined ? { parameters: params } : {}),
        },
      });
      onCreated(res.trigger);
      setName("");
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiRequestError) setFieldErrors(err.fieldErrors());
    } finally {
      setBusy(false);
    }
  }

  const paramError = Object.entries(fieldErrors).find(([path]) => path.startsWith("parameters"));

  return (
    <Card>
      <CardHeader
        title="Add a trigger"
        description="Start this flow on a schedule, from an HTTP request, or when another flow's run ends."
      />
      <CardBody className="space-y-5">
        <div role="tablist" aria-label="Trigger kind" className="inline-flex rounded-md bg-zinc-100 p-1">
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={kind === k}
              onClick={() => setKind(k)}
              className={cn(
                "rounded px-3 py-1.5 text-sm font-medium",
                kind === k ? "bg-white text-zinc-900 shadow-sm" : "text-zinc-600 hover:text-zinc-900",
              )}
            >
              {KIND_LABELS[k]}
            </button>
          ))}
        </div>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Field label="Name (optional)">
            {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Weekday morning report" />}
          </Field>
          {kind === "schedule" ? <ScheduleFields ws={ws} draft={schedule} onChange={setSchedule} /> : null}
          {kind === "webhook" ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Method">
                {(p) => (
                  <Select {...p} value={method} onChange={(e) => setMethod(e.target.value)}>
                    {["POST", "PUT", "PATCH", "GET", "DELETE"].map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="Verification" hint="How a request proves it comes from the sender">
                {(p) => (
                  <Select {...p} value={scheme} onChange={(e) => setScheme(e.target.value as Scheme)}>
                    <option value="none">None (anyone with the URL)</option>
                    <option value="standard-webhooks">Standard Webhooks signature</option>
                    <option value="github">GitHub X-Hub-Signature-256</option>
                    <option value="header-token">Shared token in a header</option>
                  </Select>
                )}
              </Field>
              {scheme !== "none" ? (
                <Field
                  label="Secret"
                  hint={secrets.length === 0 ? "Create a “Webhook secret” credential in the workspace settings first" : undefined}
                  error={fieldErrors["config.verification.credentialId"]}
                >
                  {(p) => (
                    <Select {...p} value={credentialId} onChange={(e) => setCredentialId(e.target.value)}>
                      {secrets.length === 0 ? <option value="">No webhook secret yet</option> : null}
                      {secrets.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ) : null}
              {scheme === "header-token" ? (
                <Field label="Header" error={fieldErrors["config.verification.header"]}>
                  {(p) => <Input {...p} value={header} onChange={(e) => setHeader(e.target.value)} />}
                </Field>
              ) : null}
              <Field label="Response">
                {(p) => (
                  <Select {...p} value={respond} onChange={(e) => setRespond(e.target.value as "async" | "wait")}>
                    <option value="async">202 with the run id at once</option>
                    <option value="wait">Wait for the run’s “Respond to webhook” node</option>
                  </Select>
                )}
              </Field>
            </div>
          ) : null}
          {kind === "flow-event" ? (
            flows.length === 0 ? (
              <Alert tone="info">This workspace has no other flow whose runs could start this one.</Alert>
            ) : (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="When a run of" error={fieldErrors["config.sourceFlowId"]}>
                  {(p) => (
                    <Select {...p} value={sourceFlowId} onChange={(e) => setSourceFlowId(e.target.value)}>
                      {flows.map((f) => (
                        <option key={f.id} value={f.id}>
                          {f.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field
                  label="Ends as"
                  hint="Its summary (runId, flowName, state, failedNode, error, startedAt, finishedAt) becomes the parameters"
                >
                  {(p) => (
                    <Select {...p} value={on} onChange={(e) => setOn(e.target.value as "failed" | "completed" | "both")}>
                      <option value="failed">Failed (or crashed)</option>
                      <option value="completed">Completed</option>
                      <option value="both">Either</option>
                    </Select>
                  )}
                </Field>
              </div>
            )
          ) : null}
          <Field
            label="Fixed parameters (optional JSON)"
            hint="Values for the flow's parameters, checked against them when you save"
            error={paramError ? `${paramError[0]} ${paramError[1]}` : undefined}
          >
            {(p) => (
              <textarea
                {...p}
                rows={2}
                className={textareaClass}
                value={parameters}
                onChange={(e) => setParameters(e.target.value)}
                placeholder='{ "region": "eu" }'
              />
            )}
          </Field>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <Button type="submit" busy={busy}>
            Create {KIND_LABELS[kind].toLowerCase()} trigger
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
