import { createMemoryBreakerBackend } from "./breaker";
import { systemClock } from "./clock";
import type { Engine, EngineDeps, RunHandle, StartRunOptions, TestNodeOptions } from "./engine-api";
import { NonRetryableError, NotFoundError, ValidationError } from "./errors";
import type { FlowDocument } from "./flow-document";
import { createMemoryLimitBackend } from "./limits";
import { createLogger } from "./logger";
import { createMemoryVariableStore } from "./memory-variables";
import { resolveParams } from "./params";
import { createRedactor } from "./redact";
import { buildRunPlan, type RunPlan } from "./run-plan";
import { RunExecution, type ExecutionDeps } from "./run-execution";
import type { RunRecord, StepRecord } from "./run-store";
import { isFinalRunState } from "./states";
import { FlowValidationError, validateFlow } from "./validate";

const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_MAP_ELEMENT_RECORDS = 1_000;
const DEFAULT_EVENT_HISTORY = 5_000;
const RETRYABLE_RUN_STATES = new Set(["failed", "crashed", "cancelled"]);
const noop = (): void => {};

const defaultId = (): string => globalThis.crypto.randomUUID();

/**
 * The interpreter. Everything it touches outside memory comes in through `deps`; documents
 * are validated once and their plans (graph, compiled expressions, parsed static config)
 * reused across runs of the same document object.
 */
export function createEngine(deps: EngineDeps): Engine {
  const clock = deps.clock ?? systemClock;
  const registry = deps.registry;
  const store = deps.store;
  const active = new Map<string, RunExecution>();
  const plans = new WeakMap<FlowDocument, RunPlan>();
  let closed = false;

  const execDeps: ExecutionDeps = {
    store,
    clock,
    logger: deps.logger ?? createLogger(),
    fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    credentials: deps.credentials,
    variables: deps.variables ?? createMemoryVariableStore(),
    flows: deps.flows,
    limits: deps.limits ?? createMemoryLimitBackend({ clock }),
    breakers: deps.breakers ?? createMemoryBreakerBackend(),
    newId: deps.newId ?? defaultId,
    owner: deps.owner,
    heartbeatMs: deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    notify: deps.notify,
    random: deps.random ?? Math.random,
    mapElementRecordLimit: deps.mapElementRecordLimit ?? DEFAULT_MAP_ELEMENT_RECORDS,
    eventHistoryLimit: deps.eventHistoryLimit ?? DEFAULT_EVENT_HISTORY,
    startRun: (document, options) => engine.startRun(document, options),
    resumeRun: (runId) => engine.resumeRun(runId),
    cancel: (runId) => engine.cancel(runId),
  };

  /** Validates a document (once per document object) and plans its runs. */
  function prepare(document: FlowDocument): RunPlan {
    const known = plans.get(document);
    if (known) return known;
    const result = validateFlow(document, registry);
    if (!result.ok) throw new FlowValidationError(result.problems);
    const plan = buildRunPlan(document, registry);
    plans.set(document, plan);
    return plan;
  }

  function handleOf(exec: RunExecution): RunHandle {
    return { runId: exec.runId, subscribe: (listener) => exec.events.subscribe(listener), done: exec.done };
  }

  function launch(
    record: RunRecord,
    plan: RunPlan,
    reuse: Map<string, StepRecord> | undefined,
    startSeq: number,
    fresh: boolean,
    scheduledAt?: string,
  ): RunHandle {
    const exec = new RunExecution(execDeps, { record, plan, redactor: createRedactor(), reuse, startSeq, fresh, scheduledAt });
    active.set(record.id, exec);
    void exec.done.then(() => {
      if (active.get(record.id) === exec) active.delete(record.id);
    });
    // Subscribers attached after this returns still see every event: the stream replays its history.
    void exec.start();
    return handleOf(exec);
  }

  async function lastSeq(runId: string): Promise<number> {
    let after = 0;
    for (;;) {
      const page = await store.listEvents(runId, after, 1_000);
      if (page.length === 0) return after;
      after = page[page.length - 1]!.seq;
      if (page.length < 1_000) return after;
    }
  }

  async function loadForReplay(runId: string): Promise<{ record: RunRecord; plan: RunPlan; reuse: Map<string, StepRecord>; seq: number }> {
    const record = await store.getRun(runId);
    if (!record) throw new NotFoundError(`Run "${runId}" not found`);
    const plan = prepare(record.document);
    const steps = await store.listSteps(runId);
    return { record, plan, reuse: new Map(steps.map((s) => [s.key, s])), seq: await lastSeq(runId) };
  }

  const finishedHandle = (record: RunRecord): RunHandle => ({ runId: record.id, subscribe: () => noop, done: Promise.resolve(record) });

  const engine: Engine = {
    async startRun(document: FlowDocument, options: StartRunOptions = {}) {
      if (closed) throw new NonRetryableError("The engine is shutting down and takes no new runs");
      const plan = prepare(document);
      const params = resolveParams(document.parameters, options.params ?? {});
      const record: RunRecord = {
        id: options.runId ?? execDeps.newId(),
        workspaceId: options.workspaceId,
        flowId: options.flowId,
        flowVersion: options.flowVersion,
        document,
        state: "pending",
        params,
        trigger: options.trigger ?? { kind: "manual" },
        dryRun: options.dryRun ?? false,
        parentRunId: options.parentRunId,
        attempt: 1,
        createdAt: clock.now(),
      };
      await store.createRun(record);
      return launch(record, plan, undefined, 0, true, options.scheduledAt);
    },

    async resumeRun(runId) {
      const running = active.get(runId);
      if (running) return handleOf(running);
      if (closed) throw new NonRetryableError("The engine is shutting down and takes no new runs");
      const { record, plan, reuse, seq } = await loadForReplay(runId);
      if (isFinalRunState(record.state)) return finishedHandle(record);
      return launch(record, plan, reuse, seq, false);
    },

    async retryFromFailure(runId) {
      if (active.has(runId)) throw new ValidationError(`Run "${runId}" is still running`, { path: ["runId"] });
      if (closed) throw new NonRetryableError("The engine is shutting down and takes no new runs");
      const { record, plan, reuse, seq } = await loadForReplay(runId);
      if (!RETRYABLE_RUN_STATES.has(record.state)) {
        throw new ValidationError(`Run "${runId}" is ${record.state}; only failed, crashed or cancelled runs can be retried`, {
          path: ["runId"],
        });
      }
      const patch = { attempt: record.attempt + 1, state: "pending" as const, error: undefined, finishedAt: undefined, output: undefined };
      await store.updateRun(runId, patch);
      return launch({ ...record, ...patch }, plan, reuse, seq, true);
    },

    cancel(runId) {
      const exec = active.get(runId);
      if (!exec || !exec.active) return false;
      exec.cancel();
      return true;
    },

    async testNode(document: FlowDocument, nodeId: string, options: TestNodeOptions = {}) {
      const node = document.nodes.find((n) => n.id === nodeId);
      if (!node) throw new NotFoundError(`Node "${nodeId}" not found in the flow`);
      if (!registry.get(node.type, node.typeVersion)) {
        throw new ValidationError(`Unknown node type ${node.type}@${node.typeVersion}`, { path: ["nodes", nodeId, "type"] });
      }
      // Only this node is planned: the rest of a draft may still be incomplete.
      const single: FlowDocument = {
        ...document,
        nodes: [{ ...node, config: options.config ?? node.config }],
        edges: [],
        settings: undefined,
      };
      let plan: RunPlan;
      try {
        plan = buildRunPlan(single, registry);
      } catch (e) {
        if (e instanceof ValidationError) throw e;
        const issues = e instanceof Error ? e.message : String(e);
        throw new ValidationError(`Node "${nodeId}": invalid config: ${issues}`, { path: ["config"] });
      }
      // A test shows what the node does once: no retries, no result cache.
      const nodePlan = plan.nodes[0]!;
      nodePlan.policy = { ...nodePlan.policy, retries: 0 };
      const record: RunRecord = {
        id: `test_${execDeps.newId()}`,
        workspaceId: options.workspaceId,
        document: single,
        state: "running",
        params: options.params ?? {},
        trigger: { kind: "test" },
        dryRun: options.dryRun ?? false,
        attempt: 1,
        createdAt: clock.now(),
      };
      const redactor = createRedactor();
      const exec = new RunExecution(execDeps, { record, plan, redactor, reuse: undefined, startSeq: 0, fresh: false, test: true });
      const step = await exec.testStep(0, options.input, options.upstream ?? {});
      return redactor.redact(step);
    },

    async shutdown(graceMs) {
      closed = true;
      const runs = [...active.values()];
      if (runs.length > 0) {
        const timer = new AbortController();
        await Promise.race([Promise.all(runs.map((r) => r.done)), clock.sleep(graceMs, timer.signal).catch(noop)]);
        timer.abort();
        for (const r of active.values()) r.shutdown();
        await Promise.all(runs.map((r) => r.done));
      }
      await store.flush();
    },
  };
  return engine;
}
