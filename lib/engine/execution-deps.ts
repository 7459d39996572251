import type {
  BreakerBackend,
  CredentialResolver,
  EngineDeps,
  FlowLoader,
  LimitBackend,
  RunHandle,
  StartRunOptions,
  VariableStore,
} from "./engine-api";
import type { FlowDocument } from "./flow-document";
import type { Clock, Logger } from "./node-definition";
import type { RunStore } from "./run-store";

/** Everything a run execution needs from the engine, with defaults filled in. */
export interface ExecutionDeps {
  store: RunStore;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  credentials: CredentialResolver | undefined;
  variables: VariableStore;
  flows: FlowLoader | undefined;
  limits: LimitBackend;
  breakers: BreakerBackend;
  newId: () => string;
  owner: string | undefined;
  heartbeatMs: number;
  notify: EngineDeps["notify"];
  random: () => number;
  mapElementRecordLimit: number;
  eventHistoryLimit: number;
  /** Starts another run (sub-flows, runFlow hooks). */
  startRun(document: FlowDocument, options: StartRunOptions): Promise<RunHandle>;
  /** Continues a stored run (a sub-flow's child after a crash). */
  resumeRun(runId: string): Promise<RunHandle>;
  cancel(runId: string): boolean;
}
