import { cacheKey } from "./cache-key";
import { resolveConfig } from "./config-resolver";
import { CircuitOpenError, TimeoutError, toNodeError, type ErrorCategory, type NodeError } from "./errors";
import type { ExpressionScope } from "./expressions";
import { isRouted } from "./node-definition";
import { retryVerdict } from "./retry";
import type { AttemptRecord, SerializedError, StepRecord } from "./run-store";
import type { NodePlan } from "./run-plan";
import { serializeError, errorSummary } from "./serialize-error";
import type { StepState } from "./states";
import { StepContext, type CapturedRequest } from "./step-context";
import type { StepHost } from "./step-host";

/** One execution unit: a whole node, or one element of a mapped node. */
export interface Unit {
  key: string;
  mapIndex: number | undefined;
  input: unknown;
  inputs: Readonly<Record<string, unknown>>;
  /** Scope for config expressions (with item/index inside a map). */
  scope: ExpressionScope | undefined;
  /** Config already resolved for this unit (a map whose expressions do not read item/index). */
  config: { value: unknown } | undefined;
  /** Emit step.state events and store a `retrying` record for this unit. */
  observed: boolean;
}

export interface UnitOutcome {
  state: Extract<StepState, "completed" | "cached" | "dry-run" | "failed">;
  output: unknown;
  /** Values per port for routed results; undefined means everything went to `out`. */
  ports: Record<string, unknown> | undefined;
  error: NodeError | undefined;
  /** The error as stored: serialized and redacted. */
  serialized: SerializedError | undefined;
  /** The run was cancelled, timed out or is shutting down while this unit ran. */
  interrupted: boolean;
  attempts: AttemptRecord[];
  startedAt: number;
  finishedAt: number;
  cacheKey: string | undefined;
  config: unknown;
}

/** Failures that say something about the service's health and so count towards its breaker. */
const BREAKER_CATEGORIES: ReadonlySet<ErrorCategory> = new Set(["network", "server_error", "timeout", "rate_limited", "unknown"]);

const noop = (): void => {};

/** Settles with the work, or rejects with the signal's reason as soon as it aborts. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = new AbortRace(signal, reject);
    work.then(
      (v) => {
        abort.dispose();
        resolve(v);
      },
      (e: unknown) => {
        abort.dispose();
        reject(e instanceof Error ? e : toNodeError(e));
      },
    );
  });
}

class AbortRace {
  constructor(
    private readonly signal: AbortSignal,
    private readonly reject: (reason: Error) => void,
  ) {
    signal.addEventListener("abort", this, { once: true });
  }
  handleEvent(): void {
    this.reject(this.signal.reason as Error);
  }
  dispose(): void {
    this.signal.removeEventListener("abort", this);
  }
}

const dryRunOutput = (request: CapturedRequest | undefined): { dryRun: true; request: CapturedRequest | null } => ({
  dryRun: true,
  request: request ?? null,
});

function emitState(host: StepHost, plan: NodePlan, unit: Unit, state: StepState, attempt: number, error?: SerializedError): void {
  if (!unit.observed) return;
  host.emit({
    type: "step.state",
    runId: host.runId,
    at: host.clock.now(),
    stepKey: unit.key,
    nodeId: plan.node.id,
    mapIndex: unit.mapIndex,
    state,
    attempt,
    error: error ? errorSummary(error) : undefined,
  });
}

function makeOutcome(
  host: StepHost,
  attempts: AttemptRecord[],
  startedAt: number,
  state: UnitOutcome["state"],
  output: unknown,
  ports: Record<string, unknown> | undefined,
  error: NodeError | undefined,
  config: unknown,
  key?: string,
): UnitOutcome {
  return {
    state,
    output,
    ports,
    error,
    serialized: error ? host.redactor.redact(serializeError(error)) : undefined,
    interrupted: host.signal.aborted,
    attempts,
    startedAt,
    finishedAt: host.clock.now(),
    cacheKey: key,
    config,
  };
}

/**
 * A unit whose node needs none of the per-attempt machinery (no breaker, rate limit,
 * concurrency slot, timeout, result cache or dry-run capture): its first attempt can run
 * without it, and only a failure goes through runUnit (see `FirstAttempt`).
 */
export function isPlainUnit(host: StepHost, plan: NodePlan): boolean {
  const s = plan.settings;
  return (
    s.circuitBreaker === undefined &&
    s.rateLimit === undefined &&
    s.concurrency === undefined &&
    s.timeoutMs === undefined &&
    !(s.cacheTtlMs !== undefined && host.store && host.useCache) &&
    !(host.runInfo.dryRun && plan.def.sideEffect)
  );
}

/** Attempt 1 of a plain unit, already run by the caller, that failed: runUnit goes on from there. */
export interface FirstAttempt {
  config: unknown;
  startedAt: number;
  error: Error;
}

/**
 * Runs a node's `run` once (the first attempt of a plain unit). Not raced against the run's
 * signal: the caller races the whole batch of such attempts once (see runMapped).
 */
export function attemptPlain(host: StepHost, plan: NodePlan, unit: Unit, config: unknown): Promise<unknown> {
  const ctx = new StepContext(host, plan.node.id, unit.key, 1, unit.mapIndex, host.signal, unit.inputs, plan.node.credential, false);
  try {
    return plan.def.run(ctx, config, unit.input);
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : toNodeError(e));
  }
}

/**
 * Runs one unit to its end: resolves config, consults the cache, then attempts the node under
 * the breaker, rate limit, concurrency slot and timeout, retrying as the verdict says. With
 * `first`, attempt 1 already ran (and failed) outside; the unit goes on with its verdict.
 */
export async function runUnit(
  host: StepHost,
  plan: NodePlan,
  unit: Unit,
  first?: FirstAttempt,
  /** The caller already emitted the unit's `running`. */
  announced = false,
): Promise<UnitOutcome> {
  const clock = host.clock;
  const nodeId = plan.node.id;
  const startedAt = first ? first.startedAt : clock.now();
  const attempts: AttemptRecord[] = [];
  if (!first && !announced) emitState(host, plan, unit, "running", 1);
  let config: unknown;
  try {
    config = first ? first.config : unit.config ? unit.config.value : await resolveConfig(plan, unit.scope!);
  } catch (e) {
    const err = toNodeError(e);
    attempts.push({ attempt: 1, startedAt, finishedAt: clock.now(), error: host.redactor.redact(serializeError(err)) });
    return makeOutcome(host, attempts, startedAt, "failed", undefined, undefined, err, undefined);
  }

  let key: string | undefined;
  if (!first && plan.settings.cacheTtlMs !== undefined && host.store && host.useCache) {
    key = cacheKey({
      type: plan.def.type,
      version: plan.def.version,
      config,
      input: unit.input,
      workspaceId: host.workspaceId,
      credential: plan.node.credential,
    });
    const hit = await host.store.getCache(key, clock.now());
    if (hit) return makeOutcome(host, attempts, startedAt, "cached", hit.output, hit.ports, undefined, config, key);
  }

  const capture = host.runInfo.dryRun && plan.def.sideEffect;
  const { circuitBreaker, rateLimit, concurrency, timeoutMs } = plan.settings;
  const breakerKey = circuitBreaker ? (plan.node.credential ?? `type:${plan.def.type}`) : undefined;

  for (let attempt = 1; ; attempt++) {
    const carried = attempt === 1 ? first : undefined;
    if (!carried && host.signal.aborted)
      return makeOutcome(host, attempts, startedAt, "failed", undefined, undefined, toNodeError(host.signal.reason), config, key);
    const attemptStart = carried ? carried.startedAt : clock.now();
    if (attempt > 1) emitState(host, plan, unit, "running", attempt);
    let ctx: StepContext | undefined;
    let release: (() => void) | undefined;
    let timer: AbortController | undefined;
    let signal = host.signal;
    let breakerAllowed = false;
    try {
      if (carried) throw carried.error;
      if (breakerKey && circuitBreaker) {
        const verdict = await host.breakers.allow(breakerKey, clock.now(), circuitBreaker.cooldownMs);
        if (!verdict.allowed) {
          const until = verdict.retryAt === undefined ? "" : ` until ${new Date(verdict.retryAt).toISOString()}`;
          throw new CircuitOpenError(`Circuit breaker for credential "${breakerKey}" is ${verdict.state}${until}; no call was made`, {
            details: { credential: breakerKey, state: verdict.state, retryAt: verdict.retryAt },
          });
        }
        breakerAllowed = true;
      }
      if (rateLimit) await host.limits.acquireRate(rateLimit.key, rateLimit.perSecond, host.signal);
      if (concurrency) release = await host.limits.acquireSlot(concurrency.key, concurrency.limit, host.signal);
      if (timeoutMs !== undefined) {
        const timeout = new AbortController();
        timer = new AbortController();
        signal = AbortSignal.any([host.signal, timeout.signal]);
        clock
          .sleep(timeoutMs, timer.signal)
          .then(
            () => timeout.abort(new TimeoutError(`Step "${unit.key}" timed out after ${timeoutMs / 1000}s`, { details: { timeoutMs } })),
            noop,
          );
      }
      ctx = new StepContext(host, nodeId, unit.key, attempt, unit.mapIndex, signal, unit.inputs, plan.node.credential, capture);
      let work: Promise<unknown>;
      try {
        work = plan.def.run(ctx, config, unit.input);
      } catch (e) {
        work = Promise.reject(e instanceof Error ? e : toNodeError(e));
      }
      const result = await (signal === host.signal ? host.race(work) : raceAbort(work, signal));
      attempts.push({ attempt, startedAt: attemptStart, finishedAt: clock.now() });
      if (capture) return makeOutcome(host, attempts, startedAt, "dry-run", dryRunOutput(ctx.captured), undefined, undefined, config, key);
      if (breakerAllowed) await host.breakers.recordSuccess(breakerKey!);
      const routed = isRouted(result);
      const out = makeOutcome(
        host,
        attempts,
        startedAt,
        "completed",
        routed ? result.output : result,
        routed ? { ...result.ports } : undefined,
        undefined,
        config,
        key,
      );
      if (key !== undefined && host.store) {
        const now = clock.now();
        await host.store.putCache({ key, output: out.output, ports: out.ports, storedAt: now, expiresAt: now + plan.settings.cacheTtlMs! });
      }
      return out;
    } catch (e) {
      if (ctx?.captured) {
        attempts.push({ attempt, startedAt: attemptStart, finishedAt: clock.now() });
        return makeOutcome(host, attempts, startedAt, "dry-run", dryRunOutput(ctx.captured), undefined, undefined, config, key);
      }
      const err = toNodeError(host.signal.aborted ? host.signal.reason : signal.aborted ? signal.reason : e);
      const serialized = host.redactor.redact(serializeError(err));
      attempts.push({ attempt, startedAt: attemptStart, finishedAt: clock.now(), error: serialized });
      if (breakerAllowed && BREAKER_CATEGORIES.has(err.category))
        await host.breakers.recordFailure(breakerKey!, clock.now(), circuitBreaker!.failureThreshold);
      const verdict = host.signal.aborted ? ({ kind: "cancel" } as const) : retryVerdict(err, attempt, plan.policy, host.random);
      if (verdict.kind !== "retry") return makeOutcome(host, attempts, startedAt, "failed", undefined, undefined, err, config, key);
      host.emit({
        type: "step.retry",
        runId: host.runId,
        at: clock.now(),
        stepKey: unit.key,
        nodeId,
        attempt,
        delayMs: verdict.delayMs,
        error: errorSummary(serialized),
      });
      emitState(host, plan, unit, "retrying", attempt, serialized);
      if (unit.observed && host.store) await host.saveStep(retryingRecord(host, plan, unit, attempts, startedAt), false);
      try {
        await clock.sleep(verdict.delayMs, host.signal);
      } catch {
        return makeOutcome(host, attempts, startedAt, "failed", undefined, undefined, toNodeError(host.signal.reason), config, key);
      }
    } finally {
      release?.();
      timer?.abort();
    }
  }
}

function retryingRecord(host: StepHost, plan: NodePlan, unit: Unit, attempts: AttemptRecord[], startedAt: number): StepRecord {
  const last = attempts[attempts.length - 1];
  return {
    runId: host.runId,
    key: unit.key,
    nodeId: plan.node.id,
    mapIndex: unit.mapIndex,
    state: "retrying",
    input: unit.input,
    error: last?.error,
    attempts: attempts.slice(),
    startedAt,
  };
}
