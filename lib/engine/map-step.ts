import { evaluateTemplate } from "./expressions";
import { resolveConfig } from "./config-resolver";
import { toNodeError, type NodeError } from "./errors";
import type { ExpressionScope } from "./expressions";
import type { SerializedError } from "./run-store";
import { elementRecord } from "./step-record";
import type { NodePlan } from "./run-plan";
import { errorSummary, serializeError } from "./serialize-error";
import type { StepState } from "./states";
import { isRouted } from "./node-definition";
import { attemptPlain, isPlainUnit, runUnit, type Unit, type UnitOutcome } from "./step-attempts";
import type { StepHost } from "./step-host";

const NO_CONFIG = Symbol("no-config");

/** Longest stretch a map runs without letting timers and I/O of the process in. */
const YIELD_AFTER_MS = 10;
const yieldTurn = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));

export interface MapOutcome {
  state: Extract<StepState, "completed" | "cached" | "dry-run" | "failed">;
  output: unknown;
  ports: Record<string, unknown> | undefined;
  error: NodeError | undefined;
  serialized: SerializedError | undefined;
  interrupted: boolean;
  startedAt: number;
  finishedAt: number;
}

/** Elements of a failed mapped node carry this entry under `onError: continue`. */
export interface ElementError {
  error: { message: string; category: string; name: string; details?: Record<string, unknown> };
}

/**
 * `mapOver`: runs the node once per element of the expression's array, at most
 * `mapConcurrency` at a time, with `item`/`index` in scope and step keys `id[index]`. The
 * output is the array of results in element order.
 *
 * Element records: every element is stored when the node has side effects (so resume never
 * repeats one) or the map is small; in large maps of pure nodes only elements that failed,
 * retried, were cached or dry-run are stored, and the parent record holds the results.
 */
export async function runMapped(
  host: StepHost,
  plan: NodePlan,
  input: unknown,
  inputs: Readonly<Record<string, unknown>>,
): Promise<MapOutcome> {
  const clock = host.clock;
  const nodeId = plan.node.id;
  const startedAt = clock.now();
  const baseScope = host.scopeFor(plan);
  const fail = (e: unknown): MapOutcome => {
    const error = toNodeError(e);
    return {
      state: "failed",
      output: undefined,
      ports: undefined,
      error,
      serialized: host.redactor.redact(serializeError(error)),
      interrupted: host.signal.aborted,
      startedAt,
      finishedAt: clock.now(),
    };
  };

  let items: unknown[];
  let shared: { value: unknown } | undefined;
  try {
    const value = await evaluateTemplate(plan.mapOver!, baseScope, { nodeId, field: "settings.mapOver" });
    // JSONata yields undefined for an empty match and a bare value for a single one.
    items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    if (!plan.perElement) shared = { value: await resolveConfig(plan, baseScope) };
  } catch (e) {
    return fail(e);
  }

  const total = items.length;
  const recordAll = plan.def.sideEffect || total <= host.mapElementRecordLimit;
  const onError = plan.settings.onError;
  const results: unknown[] = new Array<unknown>(total);
  const elementPorts: (Record<string, unknown> | undefined)[] = [];
  const failures: { index: number; outcome: UnitOutcome }[] = [];
  let anyRouted = false;
  let allDry = total > 0;
  let allCached = total > 0;
  let stop = false;
  let next = 0;
  let done = 0;
  const progressEvery = Math.max(1, Math.ceil(total / 100));
  let lastYield = performance.now();

  const settleElement = (i: number, state: StepState, output: unknown, ports: Record<string, unknown> | undefined): void => {
    results[i] = output;
    if (ports) {
      anyRouted = true;
      elementPorts[i] = ports;
    }
    if (state !== "dry-run") allDry = false;
    if (state !== "cached") allCached = false;
  };

  // Elements of a plain pure node that are not recorded one by one: the first attempt runs
  // without outcome, attempt or event objects; only a failure takes the full path (retries,
  // records, events), so what is stored and emitted is the same as through runUnit.
  const lean = !recordAll && isPlainUnit(host, plan);
  const reuse = host.hasReusable;

  const worker = async (): Promise<void> => {
    while (next < total && !stop && !host.signal.aborted) {
      const i = next++;
      const key = `${nodeId}[${i}]`;
      const prior = reuse ? host.reusable(key) : undefined;
      if (prior) {
        settleElement(i, prior.state, prior.output, prior.ports);
      } else {
        const item = items[i];
        const unit: Unit = {
          key,
          mapIndex: i,
          input: item,
          inputs,
          scope: plan.perElement ? ({ ...baseScope, item, index: i } satisfies ExpressionScope) : undefined,
          config: shared,
          observed: recordAll,
        };
        let o: UnitOutcome | undefined;
        if (lean) {
          const startedAt = clock.now();
          let config: unknown = NO_CONFIG;
          try {
            config = shared ? shared.value : await resolveConfig(plan, unit.scope!);
            const result = await attemptPlain(host, plan, unit, config);
            if (isRouted(result)) settleElement(i, "completed", result.output, { ...result.ports });
            else settleElement(i, "completed", result, undefined);
          } catch (e) {
            // A config that does not resolve fails the same way again inside runUnit.
            const error = e instanceof Error ? e : toNodeError(e);
            o = await runUnit(host, plan, unit, config === NO_CONFIG ? undefined : { config, startedAt, error });
          }
        } else {
          o = await runUnit(host, plan, unit);
        }
        if (o) {
          if (o.interrupted && o.state === "failed") {
            stop = true;
            continue;
          }
          const notable = o.state !== "completed" || o.attempts.length > 1;
          if (recordAll || notable) {
            await host.saveStep(elementRecord(host.runId, nodeId, key, i, item, o), plan.def.sideEffect);
            // Elements stored one by one report their duration; in large maps only the notable ones are reported at all.
            host.emit({
              type: "step.state",
              runId: host.runId,
              at: clock.now(),
              stepKey: key,
              nodeId,
              mapIndex: i,
              state: o.state,
              attempt: o.attempts.length,
              ...(recordAll ? { durationMs: o.finishedAt - o.startedAt } : {}),
              error: o.serialized ? errorSummary(o.serialized) : undefined,
            });
          }
          if (o.state === "failed") {
            failures.push({ index: i, outcome: o });
            if (onError === "fail") stop = true;
            else results[i] = { error: elementError(o.serialized!) } satisfies ElementError;
            allDry = false;
            allCached = false;
          } else {
            settleElement(i, o.state, o.output, o.ports);
          }
        }
      }
      done++;
      if (done % progressEvery === 0 || done === total) {
        host.emit({ type: "step.progress", runId: host.runId, at: clock.now(), nodeId, done, total });
      }
      // Elements that finish without I/O would otherwise hold the event loop for the whole map.
      if ((done & 63) === 0 && performance.now() - lastYield > YIELD_AFTER_MS) {
        await yieldTurn();
        lastYield = performance.now();
      }
    }
  };

  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(plan.settings.mapConcurrency, total); w++) workers.push(worker());
  if (lean) {
    // Lean attempts are not raced one by one; a cancel ends the map here even if an element
    // never settles (its worker stops at its next element, and its result is dropped).
    try {
      await host.race(Promise.all(workers));
    } catch (e) {
      if (!host.signal.aborted) throw e;
    }
  } else {
    await Promise.all(workers);
  }

  const finishedAt = clock.now();
  if (host.signal.aborted) return fail(host.signal.reason);
  if (onError === "fail" && failures.length > 0) {
    const first = failures.sort((a, b) => a.index - b.index)[0]!;
    const serialized: SerializedError = {
      ...first.outcome.serialized!,
      message: `Element ${first.index}: ${first.outcome.serialized!.message}`,
      details: { ...(first.outcome.serialized!.details ?? {}), mapIndex: first.index },
    };
    return {
      state: "failed",
      output: undefined,
      ports: undefined,
      error: first.outcome.error,
      serialized,
      interrupted: false,
      startedAt,
      finishedAt,
    };
  }

  let output: unknown[] = results;
  let ports: Record<string, unknown> | undefined;
  if (onError === "route" && failures.length > 0) {
    const failed = new Set(failures.map((f) => f.index));
    output = results.filter((_, i) => !failed.has(i));
    ports = {
      out: output,
      error: failures
        .sort((a, b) => a.index - b.index)
        .map((f) => ({ index: f.index, item: items[f.index], ...elementError(f.outcome.serialized!) })),
    };
  }
  if (anyRouted) {
    const byPort: Record<string, unknown[]> = {};
    elementPorts.forEach((p) => {
      if (!p) return;
      for (const [port, value] of Object.entries(p)) (byPort[port] ??= []).push(value);
    });
    ports = { ...byPort, ...(ports?.error ? { error: ports.error } : {}) };
  }
  const state = allDry ? "dry-run" : allCached ? "cached" : "completed";
  return { state, output, ports, error: undefined, serialized: undefined, interrupted: false, startedAt, finishedAt };
}

function elementError(e: SerializedError): ElementError["error"] {
  return e.details
    ? { name: e.name, message: e.message, category: e.category, details: e.details }
    : { name: e.name, message: e.message, category: e.category };
}
