import type { BreakerBackend, EngineEvent, LimitBackend } from "./engine-api";
import type { ExpressionScope } from "./expressions";
import type { ArtifactInput, Clock, Logger, ResolvedCredential, RunInfo, SubflowResult, VariableAccess } from "./node-definition";
import type { Redactor } from "./redact";
import type { RunStore, StepRecord } from "./run-store";
import type { NodePlan, RunPlan } from "./run-plan";

/** What a step needs from the run that hosts it (a run execution, or a single-node test). */
export interface StepHost {
  readonly runId: string;
  readonly runInfo: RunInfo;
  readonly workspaceId: string | undefined;
  readonly plan: RunPlan;
  readonly params: Readonly<Record<string, unknown>>;
  readonly clock: Clock;
  /** null in a single-node test: nothing is persisted. */
  readonly store: RunStore | null;
  readonly limits: LimitBackend;
  readonly breakers: BreakerBackend;
  readonly redactor: Redactor;
  readonly random: () => number;
  readonly logger: Logger;
  readonly fetch: typeof fetch;
  /** The run's signal: aborted on cancel, flow timeout and shutdown. */
  readonly signal: AbortSignal;
  /** Settles with the work, or rejects with the run signal's reason as soon as it aborts. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Read the result cache (false in tests). */
  readonly useCache: boolean;
  /** Maps with at most this many elements store a record per element. */
  readonly mapElementRecordLimit: number;
  emit(event: EngineEvent): void;
  credential(credentialId: string): Promise<ResolvedCredential>;
  readonly vars: VariableAccess;
  saveArtifact(stepKey: string, artifact: ArtifactInput): void;
  /** Runs a sub-flow as a child run; `call` identifies the call so a resumed step finds its child again. */
  runFlow(
    flowRef: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
    call: { stepKey: string; attempt: number },
  ): Promise<SubflowResult>;
  /** The expression scope of a node (without item/index). */
  scopeFor(plan: NodePlan): ExpressionScope;
  /** Persist a step record (redacted); `flush` makes it durable. */
  saveStep(record: StepRecord, flush: boolean): Promise<void>;
  /** There are stored records of an earlier attempt (a resume or retry from failure). */
  readonly hasReusable: boolean;
  /** A stored record of an earlier attempt that can be replayed instead of running. */
  reusable(key: string): StepRecord | undefined;
}
