import type { EngineEvent } from "./engine-api";
import type { ExpressionScope } from "./expressions";
import type { ExecutionDeps } from "./execution-deps";
import { RunEvents } from "./events";
import { runHooks, startHookFlow } from "./hooks";
import { runMapped, type MapOutcome } from "./map-step";
import type { ArtifactInput, Clock, Logger, ResolvedCredential, RunInfo, SubflowResult, VariableAccess } from "./node-definition";
import type { Redactor } from "./redact";
import { leafOutputs, runOutcome, runSummary, type RunOutcome } from "./run-outcome";
import type { NodePlan, RunPlan } from "./run-plan";
import type { BreakerBackend, LimitBackend } from "./engine-api";
import type { RunRecord, RunStore, SerializedError, StepRecord } from "./run-store";
import { errorSummary, serializeError } from "./serialize-error";
import { isReusableStepState } from "./states";
import { resolveConfig } from "./config-resolver";
import { AuthError, CancelledError, TimeoutError, toNodeError } from "./errors";
import { isRouted } from "./node-definition";
import { attemptPlain, isPlainUnit, runUnit, type Unit, type UnitOutcome } from "./step-attempts";
import type { StepHost } from "./step-host";
import { redactRecord } from "./step-record";
import { runSubflow } from "./subflow";

export type { ExecutionDeps } from "./execution-deps";

export interface ExecutionOptions {
  record: RunRecord;
  plan: RunPlan;
  redactor: Redactor;
  /** Stored steps of an earlier attempt to replay (resume, retry from failure). */
  reuse: ReadonlyMap<string, StepRecord> | undefined;
  /** Last event seq already stored for this run. */
  startSeq: number;
  /** A new run (announces `pending`); false when resuming. */
  fresh: boolean;
  /** Single-node test: nothing is persisted and the cache is not read. */
  test?: boolean;
  /** When a scheduled run was due (the `run.scheduledAt` expression root). */
  scheduledAt?: string;
}

type Settled = { kind: "value"; output: unknown; ports: Record<string, unknown> | undefined } | { kind: "dead" } | { kind: "blocked" };
const DEAD: Settled = { kind: "dead" };
const BLOCKED: Settled = { kind: "blocked" };
const NOT_LIVE = Symbol("not-live");
const noop = (): void => {};
const RESOLVED: Promise<void> = Promise.resolve();
/** Reason given to the run's timers when it ends (a plain value: no DOMException per run). */
const RUN_FINISHED = new Error("run finished");

/** Reason given to steps aborted because the process is shutting down; their runs stay resumable. */
class ShutdownInterrupt extends CancelledError {
  constructor() {
    super("Process shutting down; the run will be resumed");
  }
}

/**
 * One run of a flow: schedules nodes as their inputs become ready (independent branches run
 * concurrently), propagates skips along untaken ports, records each step when it ends, and
 * brings the run to its final state, then fires its hooks.
 */
export class RunExecution implements StepHost {
  readonly runId: string;
  readonly runInfo: RunInfo;
  readonly workspaceId: string | undefined;
  readonly plan: RunPlan;
  readonly params: Readonly<Record<string, unknown>>;
  readonly clock: Clock;
  readonly store: RunStore | null;
  readonly limits: LimitBackend;
  readonly breakers: BreakerBackend;
  readonly redactor: Redactor;
  readonly random: () => number;
  readonly logger: Logger;
  readonly fetch: typeof fetch;
  readonly useCache: boolean;
  readonly mapElementRecordLimit: number;
  readonly events: RunEvents;
  readonly vars: VariableAccess;
  readonly done: Promise<RunRecord>;

  private readonly controller = new AbortController();
  private readonly finished = new AbortController();
  private readonly pendingInbound: Int32Array;
  private readonly liveCount: Int32Array;
  private readonly liveValues: (unknown[] | undefined)[];
  /** Executed (not replayed) in this execution: its dependants may not replay stale results. */
  private readonly executed: Uint8Array;
  private readonly tainted: Uint8Array;
  /** Readers of each node's output that have not finished yet (-1: keep). */
  private readonly remainingReaders: Int32Array;
  private readonly outputs: Record<string, { output: unknown }> = {};
  private readonly views: (Record<string, { output: unknown }> | undefined)[];
  private readonly credentials = new Map<string, Promise<ResolvedCredential>>();
  private readonly subflowCalls = new Map<string, number>();
  private varsSnapshot: Record<string, unknown> = {};
  private artifactWrites: Promise<void> = Promise.resolve();
  private hasArtifacts = false;
  private running = 0;
  private finishing = false;
  private stopScheduling = false;
  private interrupt: { kind: "cancel" | "timeout" | "shutdown"; reason: Error } | undefined;
  private crashError: unknown;
  private readonly failures: { nodeId: string; error: SerializedError }[] = [];
  private resolveDone: (record: RunRecord) => void = noop;
  private startedAt: number | undefined;
  /** Rejecters of the steps racing the run signal; one abort listener serves them all. */
  private readonly racers = new Set<(reason: Error) => void>();

  constructor(
    private readonly deps: ExecutionDeps,
    private readonly options: ExecutionOptions,
  ) {
    const { record, plan } = options;
    this.runId = record.id;
    this.workspaceId = record.workspaceId;
    this.plan = plan;
    this.params = record.params;
    this.runInfo = {
      id: record.id,
      flowId: record.flowId,
      flowName: record.document.name,
      version: record.flowVersion,
      trigger: record.trigger,
      attempt: record.attempt,
      dryRun: record.dryRun,
    };
    const scheduledAt = options.scheduledAt ?? (record.scheduledAt !== undefined ? new Date(record.scheduledAt).toISOString() : undefined);
    if (scheduledAt !== undefined) this.runInfo.scheduledAt = scheduledAt;
    this.clock = deps.clock;
    this.store = options.test ? null : deps.store;
    this.limits = deps.limits;
    this.breakers = deps.breakers;
    this.redactor = options.redactor;
    this.random = deps.random;
    this.logger = deps.logger.child({ runId: record.id });
    this.fetch = deps.fetch;
    this.useCache = !options.test;
    this.mapElementRecordLimit = deps.mapElementRecordLimit;
    this.events = new RunEvents(record.id, this.store, options.startSeq, deps.eventHistoryLimit);
    const n = plan.nodes.length;
    this.pendingInbound = Int32Array.from(plan.graph.inbound, (list) => list.length);
    this.liveCount = new Int32Array(n);
    this.liveValues = new Array<unknown[] | undefined>(n);
    this.executed = new Uint8Array(n);
    this.tainted = new Uint8Array(n);
    this.remainingReaders = Int32Array.from(plan.readers);
    this.views = new Array<Record<string, { output: unknown }> | undefined>(n);
    this.done = new Promise<RunRecord>((resolve) => (this.resolveDone = resolve));
    this.controller.signal.addEventListener(
      "abort",
      () => {
        const reason = this.controller.signal.reason as Error;
        for (const reject of this.racers) reject(reason);
        this.racers.clear();
      },
      { once: true },
    );
    const variables = deps.variables;
    const scope = { workspaceId: record.workspaceId };
    this.vars = {
      get: (name) => variables.get(name, scope),
      set: async (name, value) => {
        await variables.set(name, value, scope);
        this.varsSnapshot[name] = value;
      },
    };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  emit(event: EngineEvent): void {
    this.events.emit(event);
  }

  race<T>(work: Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) return Promise.reject(this.controller.signal.reason as Error);
    return new Promise<T>((resolve, reject) => {
      this.racers.add(reject);
      work.then(
        (v) => {
          this.racers.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          this.racers.delete(reject);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** Runs the flow to its end; `done` settles with the final record. Never rejects. */
  async start(): Promise<void> {
    const { store, clock } = this.deps;
    try {
      if (this.options.fresh) this.emit({ type: "run.state", runId: this.runId, at: clock.now(), state: "pending" });
      if (this.plan.usesVars) this.varsSnapshot = { ...(await this.deps.variables.all({ workspaceId: this.workspaceId })) };
      const now = clock.now();
      this.startedAt = this.options.record.startedAt ?? now;
      await store.updateRun(this.runId, {
        state: "running",
        startedAt: this.startedAt,
        heartbeatAt: now,
        owner: this.deps.owner,
      });
      this.emit({ type: "run.state", runId: this.runId, at: clock.now(), state: "running" });
      this.startTimers();
      const { inbound } = this.plan.graph;
      for (let i = 0; i < inbound.length && !this.stopScheduling; i++) if (inbound[i]!.length === 0) this.startNode(i);
    } catch (e) {
      this.crash(e);
    }
    this.maybeFinish();
  }

  cancel(): void {
    this.interruptWith("cancel", new CancelledError("Run cancelled"));
  }

  /** Aborts running steps for a shutdown; the run is left `pending` so it can be resumed. */
  shutdown(): void {
    this.interruptWith("shutdown", new ShutdownInterrupt());
  }

  get active(): boolean {
    return !this.finishing;
  }

  private interruptWith(kind: "cancel" | "timeout" | "shutdown", reason: Error): void {
    if (this.finishing || this.interrupt) return;
    this.interrupt = { kind, reason };
    this.stopScheduling = true;
    this.controller.abort(reason);
  }

  private crash(err: unknown): void {
    this.crashError ??= err;
    this.stopScheduling = true;
    if (!this.controller.signal.aborted) this.controller.abort(new CancelledError("Run crashed"));
  }

  private startTimers(): void {
    const { clock, heartbeatMs, store } = this.deps;
    const finished = this.finished.signal;
    if (heartbeatMs > 0) {
      const beat = (): void => {
        clock.sleep(heartbeatMs, finished).then(async () => {
          await store.updateRun(this.runId, { heartbeatAt: clock.now() });
          beat();
        }, noop);
      };
      beat();
    }
    const timeoutSeconds = this.plan.document.settings?.timeoutSeconds;
    if (timeoutSeconds !== undefined) {
      clock
        .sleep(timeoutSeconds * 1000, finished)
        .then(
          () => this.interruptWith("timeout", new TimeoutError(`Flow timed out after ${timeoutSeconds}s`, { details: { timeoutSeconds } })),
          noop,
        );
    }
  }

  // ── scheduling ────────────────────────────────────────────────────────────

  private startNode(i: number): void {
    this.running++;
    this.runNode(i).then(
      (settled) => {
        this.running--;
        this.settle(i, settled);
        this.release(i);
        this.maybeFinish();
      },
      (err: unknown) => {
        this.running--;
        this.crash(err);
        this.maybeFinish();
      },
    );
  }

  /** Passes a finished node's ports to its targets; starts or skips each target whose inputs are all in. */
  private settle(start: number, first: Settled): void {
    const { outbound, inbound } = this.plan.graph;
    const queue: [number, Settled][] = [[start, first]];
    while (queue.length > 0) {
      const [n, settled] = queue.pop()!;
      if (settled.kind === "blocked") continue;
      for (const edge of outbound[n]!) {
        const t = edge.target;
        if (settled.kind === "value") {
          const ports = settled.ports;
          const live = ports === undefined ? edge.sourcePort === "out" : Object.prototype.hasOwnProperty.call(ports, edge.sourcePort);
          if (live) {
            let slots = this.liveValues[t];
            if (!slots) this.liveValues[t] = slots = new Array<unknown>(inbound[t]!.length).fill(NOT_LIVE);
            slots[edge.slot] = ports === undefined ? settled.output : ports[edge.sourcePort];
            this.liveCount[t]!++;
          }
        }
        if (--this.pendingInbound[t]! > 0 || this.stopScheduling) continue;
        if (this.liveCount[t] === 0) {
          this.skip(t);
          this.release(t);
          queue.push([t, DEAD]);
        } else {
          this.startNode(t);
        }
      }
    }
  }

  /**
   * Node `i` is done with its inputs: drop them, and drop any upstream output that no
   * unfinished node can still read, so large intermediate results do not pile up in memory.
   */
  private release(i: number): void {
    this.liveValues[i] = undefined;
    this.views[i] = undefined;
    const nodes = this.plan.nodes;
    for (const j of this.plan.reads[i]!) {
      if (this.remainingReaders[j]! > 0 && --this.remainingReaders[j]! === 0) delete this.outputs[nodes[j]!.node.id];
    }
  }

  private maybeFinish(): void {
    if (this.running === 0 && !this.finishing) void this.finish();
  }

  // ── one node ──────────────────────────────────────────────────────────────

  private skip(i: number): void {
    const id = this.plan.nodes[i]!.node.id;
    const now = this.clock.now();
    if (this.store)
      this.saveStep(
        { runId: this.runId, key: id, nodeId: id, state: "skipped", attempts: [], startedAt: now, finishedAt: now },
        false,
      ).catch((e: unknown) => this.crash(e));
    this.emit({ type: "step.state", runId: this.runId, at: now, stepKey: id, nodeId: id, state: "skipped" });
  }

  private collectInputs(i: number): { input: unknown; inputs: Record<string, unknown> } {
    const slots = this.liveValues[i];
    const inputs: Record<string, unknown> = {};
    let input: unknown = undefined;
    let found = false;
    if (slots) {
      const inbound = this.plan.graph.inbound[i]!;
      for (let k = 0; k < slots.length; k++) {
        const v = slots[k];
        if (v === NOT_LIVE) continue;
        const source = inbound[k]!.source;
        inputs[this.plan.nodes[source]!.node.id] = v;
        if (this.executed[source] || this.tainted[source]) this.tainted[i] = 1;
        if (!found) {
          input = v;
          found = true;
        }
      }
    }
    return { input, inputs };
  }

  private async runNode(i: number): Promise<Settled> {
    const plan = this.plan.nodes[i]!;
    const id = plan.node.id;
    const { input, inputs } = this.collectInputs(i);

    const prior = this.reusable(id);
    if (prior) return this.replay(plan, prior);
    this.executed[i] = 1;

    if (plan.settings.disabled) {
      // A disabled node passes its input through unchanged.
      const now = this.clock.now();
      await this.saveStep(
        { runId: this.runId, key: id, nodeId: id, state: "skipped", input, output: input, attempts: [], startedAt: now, finishedAt: now },
        false,
      );
      this.emit({ type: "step.state", runId: this.runId, at: now, stepKey: id, nodeId: id, state: "skipped" });
      this.outputs[id] = { output: input };
      return { kind: "value", output: input, ports: undefined };
    }

    if (plan.mapOver) {
      this.emit({ type: "step.state", runId: this.runId, at: this.clock.now(), stepKey: id, nodeId: id, state: "running" });
      const o = await runMapped(this, plan, input, inputs);
      return (await this.finishNode(plan, input, o, undefined)).settled;
    }
    const unit: Unit = {
      key: id,
      mapIndex: undefined,
      input,
      inputs,
      scope: plan.needsScope ? this.scopeFor(plan) : undefined,
      config: plan.staticConfig,
      observed: true,
    };
    const o = isPlainUnit(this, plan) ? await this.runPlain(plan, unit) : await runUnit(this, plan, unit);
    return (await this.finishNode(plan, input, o, o)).settled;
  }

  /**
   * A node without breaker, limits, timeout, cache or capture: its first attempt runs here
   * with the same events and outcome runUnit would give, without runUnit's machinery; a
   * failure continues inside runUnit (retries, `retrying` records).
   */
  private async runPlain(plan: NodePlan, unit: Unit): Promise<UnitOutcome> {
    const clock = this.clock;
    const id = plan.node.id;
    const startedAt = clock.now();
    this.emit({
      type: "step.state",
      runId: this.runId,
      at: startedAt,
      stepKey: id,
      nodeId: id,
      mapIndex: undefined,
      state: "running",
      attempt: 1,
      error: undefined,
    });
    let config: unknown;
    if (plan.staticConfig) config = plan.staticConfig.value;
    else {
      try {
        config = await resolveConfig(plan, unit.scope!);
      } catch {
        // Resolving again inside runUnit fails the same way and records it.
        return runUnit(this, plan, unit, undefined, true);
      }
    }
    let result: unknown;
    try {
      result = await this.race(attemptPlain(this, plan, unit, config));
    } catch (e) {
      return runUnit(this, plan, unit, { config, startedAt, error: e instanceof Error ? e : toNodeError(e) });
    }
    const finishedAt = clock.now();
    const value = result;
    const routed = isRouted(value);
    return {
      state: "completed",
      output: routed ? value.output : value,
      ports: routed ? { ...value.ports } : undefined,
      error: undefined,
      serialized: undefined,
      interrupted: this.signal.aborted,
      attempts: [{ attempt: 1, startedAt, finishedAt }],
      startedAt,
      finishedAt,
      cacheKey: undefined,
      config,
    };
  }

  /** Applies onError, records the step and says what flows downstream. */
  finishNode(
    plan: NodePlan,
    input: unknown,
    o: MapOutcome | UnitOutcome,
    unit: UnitOutcome | undefined,
  ): Promise<{ settled: Settled; record: StepRecord }> {
    const id = plan.node.id;
    let output = o.output;
    let ports = o.ports;
    let settled: Settled;
    if (o.state !== "failed") {
      settled = { kind: "value", output, ports };
    } else if (o.interrupted) {
      settled = BLOCKED;
    } else if (plan.settings.onError === "continue") {
      output = null;
      ports = undefined;
      settled = { kind: "value", output, ports };
    } else if (plan.settings.onError === "route") {
      output = null;
      ports = { error: { nodeId: id, ...o.serialized! } };
      settled = { kind: "value", output, ports };
    } else {
      settled = BLOCKED;
      this.failures.push({ nodeId: id, error: o.serialized! });
    }
    if (settled.kind === "value") this.outputs[id] = { output };

    const record: StepRecord = {
      runId: this.runId,
      key: id,
      nodeId: id,
      state: o.state,
      input,
      output,
      attempts: unit ? unit.attempts : [],
      startedAt: o.startedAt,
      finishedAt: o.finishedAt,
    };
    if (ports !== undefined) record.ports = ports;
    if (o.serialized) record.error = o.serialized;
    if (unit?.cacheKey) record.cacheKey = unit.cacheKey;
    const announce = (): { settled: Settled; record: StepRecord } => {
      this.emit({
        type: "step.state",
        runId: this.runId,
        at: this.clock.now(),
        stepKey: id,
        nodeId: id,
        state: o.state,
        attempt: unit ? unit.attempts.length : undefined,
        durationMs: o.finishedAt - o.startedAt,
        error: o.serialized ? errorSummary(o.serialized) : undefined,
      });
      return { settled, record };
    };
    // A step cut short by a shutdown leaves no record: resume runs it again.
    if (o.interrupted && this.interrupt?.kind === "shutdown") return Promise.resolve(announce());
    // A side effect must be durable before the run goes on, so that a crash never repeats it.
    // A pure step's record rides with the next flush (a side effect's, the store's timer, the
    // run's end): after a crash it is simply computed again. A short pure run is then one
    // write transaction, and the store batches many runs' writes together.
    return this.saveStep(record, plan.def.sideEffect).then(announce);
  }

  private replay(plan: NodePlan, prior: StepRecord): Settled {
    const id = plan.node.id;
    this.outputs[id] = { output: prior.output };
    this.emit({
      type: "step.state",
      runId: this.runId,
      at: this.clock.now(),
      stepKey: id,
      nodeId: id,
      state: prior.state,
      attempt: prior.attempts.length || undefined,
    });
    return { kind: "value", output: prior.output, ports: prior.ports };
  }

  get hasReusable(): boolean {
    return (this.options.reuse?.size ?? 0) > 0;
  }

  /**
   * A stored result that may stand in for running the step: completed, cached or dry-run, and
   * not downstream of a step that ran again in this execution (its input may differ) — except
   * for side-effect steps, which are never repeated once completed.
   */
  reusable(key: string): StepRecord | undefined {
    const prior = this.options.reuse?.get(key);
    if (!prior || prior.state === "skipped" || !isReusableStepState(prior.state)) return undefined;
    const index = this.plan.graph.indexOf.get(prior.nodeId);
    if (index === undefined) return undefined;
    if (this.tainted[index] && !this.plan.nodes[index]!.def.sideEffect) return undefined;
    return prior;
  }

  scopeFor(plan: NodePlan): ExpressionScope {
    let view = this.views[plan.index];
    if (!view) {
      // Only the outputs its expressions name (expressions may name only ancestors): a view
      // holding every ancestor would keep outputs alive that the run has already released.
      view = {};
      const ancestors = this.plan.graph.ancestorsOf(plan.index);
      const named = plan.scopeNodes;
      for (const id of named ?? ancestors) {
        const out = this.outputs[id];
        if (out && (named === undefined || ancestors.has(id))) view[id] = out;
      }
      this.views[plan.index] = view;
    }
    return { params: this.params, nodes: view, vars: this.varsSnapshot, run: this.runInfo as unknown as Record<string, unknown> };
  }

  /** Single-node test: the given upstream outputs stand in for the real ones. */
  async testStep(index: number, input: unknown, upstream: Record<string, unknown>): Promise<StepRecord> {
    const plan = this.plan.nodes[index]!;
    const view: Record<string, { output: unknown }> = {};
    for (const [id, output] of Object.entries(upstream)) view[id] = this.outputs[id] = { output };
    this.views[index] = view;
    const inputs = input === undefined ? {} : { input };
    if (plan.mapOver) return (await this.finishNode(plan, input, await runMapped(this, plan, input, inputs), undefined)).record;
    const o = await runUnit(this, plan, {
      key: plan.node.id,
      mapIndex: undefined,
      input,
      inputs,
      scope: plan.needsScope ? this.scopeFor(plan) : undefined,
      config: plan.staticConfig,
      observed: true,
    });
    return (await this.finishNode(plan, input, o, o)).record;
  }

  // ── services for steps ───────────────────────────────────────────────────

  /** Promise chains rather than an async function: this runs at every step end. */
  saveStep(record: StepRecord, flush: boolean): Promise<void> {
    const store = this.store;
    if (!store) return RESOLVED;
    let saved: Promise<void>;
    try {
      saved = store.saveStep(this.redactor.active ? redactRecord(this.redactor, record) : record);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    if (!flush) return saved;
    return saved.then(() => this.flushWrites(store));
  }

  private flushWrites(store: RunStore): Promise<void> {
    const events = this.hasArtifacts ? this.artifactWrites.then(() => this.events.flush()) : this.events.flush();
    return events.then(() => store.flush());
  }

  credential(credentialId: string): Promise<ResolvedCredential> {
    let pending = this.credentials.get(credentialId);
    if (pending) return pending;
    const resolver = this.deps.credentials;
    if (!resolver) return Promise.reject(new AuthError(`No credential resolver is configured; cannot load credential "${credentialId}"`));
    pending = resolver.resolve(credentialId, { workspaceId: this.workspaceId, runId: this.runId }).then(
      (c) => {
        this.redactor.add(c.secrets);
        return c;
      },
      (err: unknown) => {
        this.credentials.delete(credentialId);
        throw err instanceof Error ? err : new AuthError(`Credential "${credentialId}" could not be loaded`);
      },
    );
    this.credentials.set(credentialId, pending);
    return pending;
  }

  saveArtifact(stepKey: string, artifact: ArtifactInput): void {
    const id = this.deps.newId();
    const createdAt = this.clock.now();
    const safe = this.redactor.redact(artifact);
    const store = this.store;
    if (store) {
      this.hasArtifacts = true;
      this.artifactWrites = this.artifactWrites.then(() =>
        store.saveArtifact({ id, runId: this.runId, stepKey, createdAt, artifact: safe }),
      );
      this.artifactWrites.catch((e: unknown) => this.crash(e));
    }
    this.emit({ type: "artifact", runId: this.runId, at: createdAt, stepKey, artifactId: id, kind: safe.kind, title: safe.title });
  }

  /**
   * A child run's id is derived from the parent, the step, its attempt and the call's order in
   * it, so when a resumed step calls the same sub-flow again it gets the child it started
   * before (resumed, or its stored result) instead of a second run.
   */
  runFlow(
    flowRef: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
    call: { stepKey: string; attempt: number },
  ): Promise<SubflowResult> {
    const callKey = `${call.stepKey}#${call.attempt}`;
    const n = (this.subflowCalls.get(callKey) ?? 0) + 1;
    this.subflowCalls.set(callKey, n);
    return runSubflow(this.deps, {
      flowRef,
      params,
      signal,
      parentRunId: this.runId,
      workspaceId: this.workspaceId,
      dryRun: this.runInfo.dryRun,
      childId: this.store ? `${this.runId}.${call.stepKey}.${call.attempt}.${n}` : undefined,
      store: this.store,
    });
  }

  // ── the end ──────────────────────────────────────────────────────────────

  private async finish(): Promise<void> {
    this.finishing = true;
    this.finished.abort(RUN_FINISHED);
    const { store, clock } = this.deps;
    const outcome = runOutcome({ crash: this.crashError, interrupt: this.interrupt, failures: this.failures }, this.redactor);
    let { state, error } = outcome;
    const finishedAt = clock.now();
    const output = state === "completed" ? this.redactor.redact(leafOutputs(this.plan, this.outputs)) : undefined;
    if (this.options.test) {
      this.resolveDone({ ...this.options.record, state, finishedAt, error, output });
      return;
    }
    try {
      await this.artifactWrites.catch(noop);
      await this.events.flush();
      await store.updateRun(this.runId, state === "pending" ? { state, owner: undefined } : { state, finishedAt, error, output });
      this.emit({ type: "run.state", runId: this.runId, at: clock.now(), state, error: error ? errorSummary(error) : undefined });
      await this.events.flush();
      await store.flush();
    } catch (e) {
      state = "crashed";
      error = serializeError(e);
      this.logger.error("Run could not be recorded", { error: error.message });
      await store.updateRun(this.runId, { state, finishedAt, error }).catch(noop);
      this.emit({ type: "run.state", runId: this.runId, at: clock.now(), state, error: errorSummary(error) });
    }
    if (state !== "pending" && state !== "cancelled") await this.fireHooks({ state, error, failedNode: outcome.failedNode }, finishedAt);
    const record = (await store.getRun(this.runId).catch(() => null)) ?? { ...this.options.record, state, finishedAt, error, output };
    this.events.close();
    this.resolveDone(record);
  }

  private async fireHooks(outcome: RunOutcome, finishedAt: number): Promise<void> {
    const settings = this.plan.document.settings;
    const hooks = outcome.state === "completed" ? settings?.onCompletion : settings?.onFailure;
    if (!hooks || hooks.length === 0) return;
    const summary = runSummary(this.options.record, outcome, this.startedAt, finishedAt);
    await runHooks(hooks, summary, {
      notify: this.deps.notify,
      logger: this.logger,
      startFlow: (flowRef, params) => startHookFlow(this.deps, { flowRef, params, runId: this.runId, workspaceId: this.workspaceId }),
    });
  }
}
