import type { z } from "zod";
import { ValidationError } from "./errors";
import { findTemplateFields, fieldName, isPrefix } from "./config-templates";
import type { NodeRegistry } from "./engine-api";
import { compileTemplate, checkTemplateRoots, ExpressionError, hasTemplate, type CompiledTemplate } from "./expressions";
import {
  flowDocumentSchema,
  flowEdgeSchema,
  flowNodeSchema,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type ParameterSpec,
} from "./flow-document";
import { buildGraph, type FlowGraph } from "./graph";
import { nodePorts, type AnyNodeDefinition } from "./node-definition";
import { mergeSettings } from "./settings";

/**
 * Validation of a flow document (SPEC §2): shape, graph and per-node rules, reporting every
 * problem with its path in the document. Browser-safe, so the editor can mark problems on the
 * canvas before a run.
 */

export type ProblemPath = (string | number)[];

export interface ValidationProblem {
  path: ProblemPath;
  message: string;
}

export type ValidationResult = { ok: true; document: FlowDocument } | { ok: false; problems: ValidationProblem[] };

/** Thrown when a run is started with a document that does not validate; lists every problem. */
export class FlowValidationError extends ValidationError {
  readonly problems: readonly ValidationProblem[];
  constructor(problems: ValidationProblem[]) {
    const shown = problems.slice(0, 5).map((p) => `${p.path.join(".") || "(document)"}: ${p.message}`);
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : "";
    super(`Invalid flow document: ${shown.join("; ")}${more}`, { path: problems[0]?.path ?? [], details: { problems } });
    this.problems = problems;
  }
}

const BASE_ROOTS: ReadonlySet<string> = new Set(["params", "nodes", "vars", "run"]);
const MAPPED_ROOTS: ReadonlySet<string> = new Set(["params", "nodes", "vars", "run", "item", "index"]);
const FLOW_ROOTS: ReadonlySet<string> = new Set(["params", "vars", "run"]);

const zodPath = (path: readonly PropertyKey[]): ProblemPath => path.map((p) => (typeof p === "symbol" ? String(p) : p));

function zodProblems(error: z.ZodError, prefix: ProblemPath): ValidationProblem[] {
  return error.issues.map((i) => ({ path: [...prefix, ...zodPath(i.path)], message: i.message }));
}

/**
 * Validates `doc` against the registry. On success the document returned is the input itself
 * (the schema has no transforms), so key order and every value survive an export/import
 * round trip exactly.
 */
export function validateFlow(doc: unknown, registry: NodeRegistry): ValidationResult {
  const problems: ValidationProblem[] = [];
  const shape = flowDocumentSchema.safeParse(doc);
  let nodes: FlowNode[];
  let edges: FlowEdge[];
  let settings: FlowDocument["settings"];
  let parameters: FlowDocument["parameters"];
  if (shape.success) {
    const input = doc as FlowDocument;
    ({ nodes, edges, settings, parameters } = input);
  } else {
    problems.push(...zodProblems(shape.error, []));
    // Keep checking the parts that do parse, so one bad field does not hide graph problems.
    const raw = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
    nodes = parseEach(raw.nodes, flowNodeSchema);
    edges = parseEach(raw.edges, flowEdgeSchema);
    settings = undefined;
    parameters = undefined;
  }

  const graph = buildGraph({ nodes, edges });
  const defs = checkNodes(nodes, graph, registry, problems);
  checkEdges(nodes, edges, graph, defs, problems);
  for (const cycle of graph.cycles) {
    const last = cycle[cycle.length - 2];
    const first = cycle[cycle.length - 1];
    const edgeIndex = edges.findIndex((e) => e.source === last && e.target === first);
    problems.push({ path: ["edges", edgeIndex], message: `cycle: ${cycle.join(" → ")}` });
  }
  checkExpressions(nodes, graph, defs, problems);
  if (parameters) checkParameters(parameters, problems);
  if (settings?.idempotencyKey !== undefined) {
    checkField(settings.idempotencyKey, ["settings", "idempotencyKey"], FLOW_ROOTS, undefined, problems);
  }
  if (shape.success && Array.isArray((doc as FlowDocument).annotations)) {
    (doc as FlowDocument).annotations!.forEach((a, i) =>
      a.nodes?.forEach((id, j) => {
        if (!graph.indexOf.has(id)) problems.push({ path: ["annotations", i, "nodes", j], message: `unknown node "${id}"` });
      }),
    );
  }

  if (problems.length > 0 || !shape.success) return { ok: false, problems };
  return { ok: true, document: doc as FlowDocument };
}

function parseEach<T>(value: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const v of value) {
    const r = schema.safeParse(v);
    if (r.success) out.push(r.data);
  }
  return out;
}

/** Node ids, types and versions, credentials, and config against the type's schema. */
function checkNodes(
  nodes: readonly FlowNode[],
  graph: FlowGraph,
  registry: NodeRegistry,
  problems: ValidationProblem[],
): (AnyNodeDefinition | undefined)[] {
  return nodes.map((node, i) => {
    const first = graph.indexOf.get(node.id);
    if (first !== undefined && first !== i) {
      problems.push({ path: ["nodes", i, "id"], message: `duplicate node id "${node.id}" (also nodes[${first}])` });
    }
    const def = registry.get(node.type, node.typeVersion);
    if (!def) {
      const latest = registry.list().find((d) => d.type === node.type);
      problems.push(
        latest
          ? {
              path: ["nodes", i, "typeVersion"],
              message: `node type ${node.type} has no version ${node.typeVersion} (latest is ${latest.version})`,
            }
          : { path: ["nodes", i, "type"], message: `unknown node type "${node.type}"` },
      );
      return undefined;
    }
    if (def.credential && !node.credential) {
      problems.push({ path: ["nodes", i, "credential"], message: `node "${node.id}" needs a credential of type ${def.credential}` });
    }
    const templated = findTemplateFields(node.config).map((f) => f.path);
    const parsed = (def.config as z.ZodType).safeParse(node.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = zodPath(issue.path);
        // A templated field is checked after resolution, at run time.
        if (templated.some((t) => isPrefix(t, path) || (path.length > 0 && isPrefix(path, t)))) continue;
        problems.push({ path: ["nodes", i, "config", ...path], message: issue.message });
      }
    }
    return def;
  });
}

/** The output ports a node offers: the type's ports (possibly depending on config) plus `error` when routed. */
export function sourcePortsOf(def: AnyNodeDefinition, node: FlowNode): readonly string[] {
  let ports: readonly string[];
  try {
    const parsed = (def.config as z.ZodType).safeParse(node.config);
    ports = nodePorts(def, parsed.success ? parsed.data : node.config);
  } catch {
    ports = typeof def.ports === "function" ? [] : def.ports;
  }
  const onError = mergeSettings(def, node.settings).onError;
  return onError === "route" && !ports.includes("error") ? [...ports, "error"] : ports;
}

function checkEdges(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  graph: FlowGraph,
  defs: readonly (AnyNodeDefinition | undefined)[],
  problems: ValidationProblem[],
): void {
  const edgeIds = new Map<string, number>();
  const portCache = new Map<number, readonly string[]>();
  edges.forEach((edge, i) => {
    const seen = edgeIds.get(edge.id);
    if (seen !== undefined) problems.push({ path: ["edges", i, "id"], message: `duplicate edge id "${edge.id}" (also edges[${seen}])` });
    else edgeIds.set(edge.id, i);

    const s = graph.indexOf.get(edge.source);
    const t = graph.indexOf.get(edge.target);
    if (s === undefined) problems.push({ path: ["edges", i, "source"], message: `unknown node "${edge.source}"` });
    if (t === undefined) problems.push({ path: ["edges", i, "target"], message: `unknown node "${edge.target}"` });
    if (s !== undefined && defs[s]) {
      let ports = portCache.get(s);
      if (!ports) portCache.set(s, (ports = sourcePortsOf(defs[s], nodes[s]!)));
      if (!ports.includes(edge.sourcePort)) {
        problems.push({
          path: ["edges", i, "sourcePort"],
          message: `node "${edge.source}" has no output port "${edge.sourcePort}" (ports: ${ports.join(", ") || "none"})`,
        });
      }
    }
    if (t !== undefined) {
      const def = defs[t];
      if (def && def.hasInput === false) {
        problems.push({ path: ["edges", i, "target"], message: `node "${edge.target}" (${def.type}) takes no input` });
      } else if (edge.targetPort !== "in") {
        problems.push({
          path: ["edges", i, "targetPort"],
          message: `node "${edge.target}" has no input port "${edge.targetPort}" (ports: in)`,
        });
      }
    }
  });
}

function checkExpressions(
  nodes: readonly FlowNode[],
  graph: FlowGraph,
  defs: readonly (AnyNodeDefinition | undefined)[],
  problems: ValidationProblem[],
): void {
  nodes.forEach((node, i) => {
    const settings = mergeSettings(defs[i], node.settings);
    const mapped = settings.mapOver !== undefined;
    const upstream = { graph, index: i };
    for (const field of findTemplateFields(node.config)) {
      checkField(field.text, ["nodes", i, "config", ...field.path], mapped ? MAPPED_ROOTS : BASE_ROOTS, upstream, problems, node.id);
    }
    if (mapped) {
      const path: ProblemPath = ["nodes", i, "settings", "mapOver"];
      if (!hasTemplate(settings.mapOver!)) {
        problems.push({ path, message: "mapOver must be an expression, e.g. {{ nodes.readRows.output.rows }}" });
      } else {
        checkField(settings.mapOver!, path, BASE_ROOTS, upstream, problems, node.id);
      }
    }
  });
}

function checkField(
  text: string,
  path: ProblemPath,
  roots: ReadonlySet<string>,
  upstream: { graph: FlowGraph; index: number } | undefined,
  problems: ValidationProblem[],
  nodeId?: string,
): void {
  const field = fieldName(path.slice(nodeId === undefined ? 0 : 2));
  let tpl: CompiledTemplate;
  try {
    tpl = compileTemplate(text, { nodeId, field });
  } catch (err) {
    if (err instanceof ExpressionError) {
      problems.push({ path, message: err.message });
      return;
    }
    throw err;
  }
  for (const p of checkTemplateRoots(tpl, roots)) {
    problems.push({ path, message: `${describe(nodeId, field, p.position)}: ${p.message}` });
  }
  if (!upstream) return;
  const ancestors = upstream.graph.ancestorsOf(upstream.index);
  for (const ref of tpl.refs.nodes) {
    if (ancestors.has(ref)) continue;
    const known = upstream.graph.indexOf.has(ref);
    problems.push({
      path,
      message: `${describe(nodeId, field)}: ${known ? `node "${ref}" is not upstream of "${nodeId}"` : `unknown node "${ref}"`}`,
    });
  }
}

const describe = (nodeId: string | undefined, field: string, position?: number): string =>
  `Expression in ${nodeId ? `node "${nodeId}", ` : ""}field "${field}"${position === undefined ? "" : `, position ${position}`}`;

function checkParameters(parameters: Record<string, ParameterSpec>, problems: ValidationProblem[]): void {
  for (const [name, spec] of Object.entries(parameters)) {
    if (spec.default === undefined) continue;
    if (!matchesType(spec.default, spec.type)) {
      problems.push({ path: ["parameters", name, "default"], message: `default must be of type ${spec.type}` });
    } else if (spec.enum && !spec.enum.includes(spec.default as string | number)) {
      problems.push({ path: ["parameters", name, "default"], message: `default must be one of ${spec.enum.join(", ")}` });
    }
  }
}

export function matchesType(value: unknown, type: ParameterSpec["type"]): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}
