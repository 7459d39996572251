"use client";

import type { NodeSettings } from "@/lib/engine/flow-document";
import { RETRY_ON } from "@/lib/engine/flow-document";
import type { ExpressionEnv } from "./expression-input";
import { ExpressionInput } from "./expression-input";
import { inputClass } from "./field-widgets";

/**
 * The node's execution settings (SPEC §2): empty means "the node type's default", shown as the
 * placeholder, so a flow only stores what the user changed.
 */

interface Props {
  settings: NodeSettings | undefined;
  defaults: NodeSettings | undefined;
  onChange: (settings: NodeSettings | undefined) => void;
  env: ExpressionEnv;
  problems: (field: string) => readonly string[] | undefined;
}

function clean(s: NodeSettings): NodeSettings | undefined {
  const out = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as NodeSettings;
  return Object.keys(out).length ? out : undefined;
}

export function SettingsForm({ settings = {}, defaults = {}, onChange, env, problems }: Props) {
  const set = <K extends keyof NodeSettings>(key: K, value: NodeSettings[K] | undefined) => onChange(clean({ ...settings, [key]: value }));
  const num = (v: string) => (v === "" ? undefined : Number(v));
  const retryOn = settings.retryOn ?? defaults.retryOn ?? ["rate_limited", "network", "server_error", "timeout"];
  return (
    <div className="space-y-5 text-[13px]">
      <Section title="Retries" hint="What happens when a step fails with a retryable error.">
        <Row label="Retries" problems={problems("retries")}>
          <input
            type="number"
            min={0}
            max={50}
            aria-label="Retries"
            className={inputClass}
            value={settings.retries ?? ""}
            placeholder={String(defaults.retries ?? 0)}
            onChange={(e) => set("retries", num(e.target.value))}
          />
        </Row>
        <Row label="Delay (s)" problems={problems("retryDelaySeconds")}>
          <input
            type="number"
            min={0}
            step="any"
            aria-label="Retry delay in seconds"
            className={inputClass}
            value={settings.retryDelaySeconds ?? ""}
            placeholder={String(defaults.retryDelaySeconds ?? 1)}
            onChange={(e) => set("retryDelaySeconds", num(e.target.value))}
          />
        </Row>
        <Row label="Backoff">
          <select
            aria-label="Backoff"
            className={inputClass}
            value={settings.backoff ?? ""}
            onChange={(e) => set("backoff", (e.target.value || undefined) as NodeSettings["backoff"])}
          >
            <option value="">Default ({defaults.backoff ?? "exponential"})</option>
            <option value="fixed">Fixed</option>
            <option value="exponential">Exponential</option>
          </select>
        </Row>
        <Row label="Jitter (0–1)" problems={problems("jitter")}>
          <input
            type="number"
            min={0}
            max={1}
            step={0.1}
            aria-label="Jitter"
            className={inputClass}
            value={settings.jitter ?? ""}
            placeholder={String(defaults.jitter ?? 0)}
            onChange={(e) => set("jitter", num(e.target.value))}
          />
        </Row>
        <Row label="Retry on">
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {RETRY_ON.map((r) => (
              <label key={r} className="flex items-center gap-1.5 text-zinc-700">
                <input
                  type="checkbox"
                  checked={retryOn.includes(r)}
                  onChange={(e) => set("retryOn", e.target.checked ? [...retryOn, r] : retryOn.filter((x) => x !== r))}
                  className="size-3.5 rounded border-zinc-300 text-indigo-600"
                />
                {r.replace("_", " ")}
              </label>
            ))}
          </div>
        </Row>
      </Section>
      <Section title="Time and errors">
        <Row label="Timeout (s)" problems={problems("timeoutSeconds")}>
          <input
            type="number"
            min={1}
            aria-label="Timeout in seconds"
            className={inputClass}
            value={settings.timeoutSeconds ?? ""}
            placeholder={String(defaults.timeoutSeconds ?? 30)}
            onChange={(e) => set("timeoutSeconds", num(e.target.value))}
          />
        </Row>
        <Row label="On error">
          <select
            aria-label="On error"
            className={inputClass}
            value={settings.onError ?? ""}
            onChange={(e) => set("onError", (e.target.value || undefined) as NodeSettings["onError"])}
          >
            <option value="">Default ({defaults.onError ?? "fail"})</option>
            <option value="fail">Fail the run</option>
            <option value="continue">Continue with an error entry</option>
            <option value="route">Route to the error port</option>
          </select>
        </Row>
        <Row label="Cache">
          <div className="flex gap-2">
            <select
              aria-label="Cache policy"
              className={inputClass}
              value={settings.cache?.policy ?? ""}
              onChange={(e) =>
                set(
                  "cache",
                  e.target.value === "inputs"
                    ? { policy: "inputs", ttlSeconds: settings.cache?.ttlSeconds ?? 3600 }
                    : e.target.value === "none"
                      ? { policy: "none", ttlSeconds: 1 }
                      : undefined,
                )
              }
            >
              <option value="">Default</option>
              <option value="none">No cache</option>
              <option value="inputs">Reuse results for the same inputs</option>
            </select>
            {settings.cache?.policy === "inputs" ? (
              <input
                type="number"
                min={1}
                aria-label="Cache TTL in seconds"
                title="TTL (s)"
                className={inputClass}
                value={settings.cache.ttlSeconds}
                onChange={(e) => set("cache", { policy: "inputs", ttlSeconds: Number(e.target.value) || 1 })}
              />
            ) : null}
          </div>
        </Row>
        <Row label="Disabled">
          <label className="flex items-center gap-2 text-zinc-700">
            <input
              type="checkbox"
              checked={settings.disabled === true}
              onChange={(e) => set("disabled", e.target.checked || undefined)}
              className="size-4 rounded border-zinc-300 text-indigo-600"
            />
            Skip this node when the flow runs
          </label>
        </Row>
      </Section>
      <Section title="Map over a list" hint="Run this node once per element; inside, use {{ item }} and {{ index }}.">
        <Row label="Map over" problems={problems("mapOver")}>
          <ExpressionInput
            ariaLabel="Map over"
            value={settings.mapOver ?? ""}
            onChange={(v) => set("mapOver", v || undefined)}
            env={env}
            placeholder="{{ nodes.read.output.rows }}"
          />
        </Row>
        <Row label="Concurrency">
          <input
            type="number"
            min={1}
            aria-label="Map concurrency"
            className={inputClass}
            value={settings.mapConcurrency ?? ""}
            placeholder={String(defaults.mapConcurrency ?? 5)}
            onChange={(e) => set("mapConcurrency", num(e.target.value))}
          />
        </Row>
      </Section>
      <Section title="Limits" hint="Shared by every run and worker using the same key.">
        <Row label="Rate limit">
          <Pair
            aKey="Key"
            bKey="per second"
            a={settings.rateLimit?.key ?? ""}
            b={settings.rateLimit?.perSecond}
            placeholderA={defaults.rateLimit?.key ?? "e.g. notion"}
            placeholderB={String(defaults.rateLimit?.perSecond ?? "")}
            onChange={(key, perSecond) => set("rateLimit", key && perSecond ? { key, perSecond } : undefined)}
          />
        </Row>
        <Row label="Concurrency">
          <Pair
            aKey="Key"
            bKey="at once"
            a={settings.concurrency?.key ?? ""}
            b={settings.concurrency?.limit}
            placeholderA={defaults.concurrency?.key ?? "e.g. jira"}
            placeholderB={String(defaults.concurrency?.limit ?? "")}
            onChange={(key, limit) => set("concurrency", key && limit ? { key, limit: Math.max(1, Math.round(limit)) } : undefined)}
          />
        </Row>
        <Row label="Circuit breaker">
          <Pair
            aKey="Failures"
            bKey="cooldown (s)"
            a={settings.circuitBreaker ? String(settings.circuitBreaker.failureThreshold) : ""}
            b={settings.circuitBreaker?.cooldownSeconds}
            placeholderA="failures"
            placeholderB="cooldown s"
            numericA
            onChange={(threshold, cooldown) =>
              set(
                "circuitBreaker",
                threshold && cooldown
                  ? { failureThreshold: Math.max(1, Math.round(Number(threshold))), cooldownSeconds: cooldown }
                  : undefined,
              )
            }
          />
        </Row>
      </Section>
    </div>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section>
      <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h4>
      {hint ? <p className="mt-0.5 text-xs text-zinc-400">{hint}</p> : null}
      <div className="mt-2 space-y-2">{children}</div>
    </section>
  );
}

function Row({ label, problems, children }: { label: string; problems?: readonly string[]; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[110px_1fr] items-start gap-2">
      <span className="pt-1.5 text-zinc-600">{label}</span>
      <div>
        {children}
        {problems?.map((p) => (
          <p key={p} className="text-xs text-red-600">
            {p}
          </p>
        ))}
      </div>
    </div>
  );
}

function Pair(props: {
  aKey: string;
  bKey: string;
  a: string;
  b: number | undefined;
  placeholderA: string;
  placeholderB: string;
  numericA?: boolean;
  onChange: (a: string, b: number | undefined) => void;
}) {
  return (
    <div className="flex gap-2">
      <input
        aria-label={props.aKey}
        type={props.numericA ? "number" : "text"}
        className={inputClass}
        value={props.a}
        placeholder={props.placeholderA}
        onChange={(e) => props.onChange(e.target.value, props.b)}
      />
      <input
        aria-label={props.bKey}
        type="number"
        min={0}
        step="any"
        className={inputClass}
        value={props.b ?? ""}
        placeholder={props.placeholderB}
        onChange={(e) => props.onChange(props.a, e.target.value === "" ? undefined : Number(e.target.value))}
      />
    </div>
  );
}
