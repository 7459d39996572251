import type { z } from "zod";
import type { NodeSettings } from "./flow-document";

/**
 * The node type API (SPEC §3). One definition object per node type is all that the engine,
 * the canvas, the inspector and the docs need. Inspector hints ride on the zod schemas via
 * `.meta({ title, description, widget })`; see `FieldWidget`.
 *
 * Heavy vendor SDKs must be imported dynamically inside `run` (or the vendor's client.ts),
 * so that importing a definition for the canvas never pulls an SDK into the browser bundle.
 */

export const NODE_CATEGORIES = ["trigger", "logic", "data", "flow", "artifact", "code", "http", "notification", "integration"] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/** Inspector widget hints, set with `schema.meta({ widget })`. Without one the widget follows the zod type. */
export type FieldWidget = "text" | "textarea" | "code" | "json" | "keyvalue" | "jsonata" | "expression";

export interface Clock {
  now(): number;
  /** Resolves after `ms` (virtual time with a fake clock); rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
export interface Logger {
  log(level: LogLevel, message: string, data?: Record<string, unknown>): void;
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface RunInfo {
  id: string;
  flowId?: string;
  flowName: string;
  version?: number;
  trigger: { kind: "manual" | "webhook" | "schedule" | "flow-event" | "subflow" | "cli" | "test"; id?: string };
  scheduledAt?: string;
  attempt: number;
  dryRun: boolean;
}

export type ArtifactInput =
  | { kind: "markdown"; title?: string; body: string }
  | { kind: "table"; title?: string; columns: string[]; rows: unknown[][] }
  | { kind: "link"; title?: string; url: string; label?: string };

/** A decrypted credential. `secrets` lists every secret string so the engine can redact it everywhere. */
export interface ResolvedCredential {
  id: string;
  type: string;
  data: Record<string, unknown>;
  secrets: readonly string[];
}

export interface VariableAccess {
  get(name: string): Promise<unknown>;
  set(name: string, value: unknown): Promise<void>;
}

export interface SubflowResult {
  runId: string;
  state: "completed" | "failed" | "cancelled" | "crashed";
  output: unknown;
}

export interface NodeContext {
  readonly run: RunInfo;
  readonly nodeId: string;
  /** Stable key of this step: node id, plus `[index]` inside mapOver. */
  readonly stepKey: string;
  readonly attempt: number;
  readonly mapIndex: number | undefined;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly log: Logger;
  /** The only way a node reaches the network. In a dry run of a side-effect node it captures the request instead of sending it. */
  readonly fetch: typeof fetch;
  readonly dryRun: boolean;
  readonly params: Readonly<Record<string, unknown>>;
  /** Every value that arrived on the input port, keyed by source node id (merge reads this). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The node's credential, decrypted; throws AuthError when the node has none or it is missing. */
  credential(): Promise<ResolvedCredential>;
  readonly vars: VariableAccess;
  artifact(artifact: ArtifactInput): void;
  /** Runs another flow as a child run and waits for it. */
  runFlow(flowRef: string, params: Record<string, unknown>): Promise<SubflowResult>;
}

const ROUTED = Symbol.for("switchyard.routed");

/** A node result that sends values to named ports (if/switch/filter/quarantine). Untaken ports skip downstream. */
export interface Routed<O> {
  readonly [ROUTED]: true;
  readonly output: O;
  readonly ports: Readonly<Record<string, unknown>>;
}

export function routed<O>(output: O, ports: Record<string, unknown>): Routed<O> {
  return { [ROUTED]: true, output, ports };
}

export function isRouted(value: unknown): value is Routed<unknown> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[ROUTED] === true;
}

export interface NodeDefinition<C extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** `group.resource.action` in kebab-case words, e.g. `core.logic.if`, `notion.page.create`. */
  readonly type: string;
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly category: NodeCategory;
  /** Icon name from the canvas icon set (components/canvas/icons). */
  readonly icon: string;
  readonly docsUrl?: string;
  /** Credential type id this node needs, if any. */
  readonly credential?: string;
  readonly config: C;
  readonly output: O;
  /** Triggers start a flow and have no input port. Default true. */
  readonly hasInput?: boolean;
  /** Output ports. The `error` port exists on every node whose settings say `onError: "route"`. */
  readonly ports: readonly string[] | ((config: z.output<C>) => readonly string[]);
  readonly sideEffect: boolean;
  readonly defaults?: NodeSettings;
  /** A plain return value goes to the `out` port; return `routed(...)` to choose ports. */
  run(ctx: NodeContext, config: z.output<C>, input: unknown): Promise<z.output<O> | Routed<z.output<O>>>;
}

/** Identity helper that infers `run`'s argument types from the schemas. */
export function defineNode<C extends z.ZodType, O extends z.ZodType>(definition: NodeDefinition<C, O>): NodeDefinition<C, O> {
  return definition;
}

// The registry erases each definition's own schema types; handlers are called with parsed config.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: a registry holds definitions of every config type
export type AnyNodeDefinition = NodeDefinition<any, any>;

export function nodePorts(def: AnyNodeDefinition, config: unknown): readonly string[] {
  return typeof def.ports === "function" ? def.ports(config) : def.ports;
}
