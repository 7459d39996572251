import type { z } from "zod";
import { fieldName, findTemplateFields } from "./config-templates";
import type { NodeRegistry } from "./engine-api";
import { compileTemplate, type CompiledTemplate } from "./expressions";
import type { FlowDocument, FlowNode } from "./flow-document";
import { buildGraph, type FlowGraph } from "./graph";
import type { AnyNodeDefinition } from "./node-definition";
import type { RetryPolicy } from "./retry";
import { effectiveSettings, type EffectiveSettings } from "./settings";

/**
 * Everything about a validated document that does not change from run to run, computed once
 * per document: the graph, each node's definition and settings, its parsed static config and
 * its compiled expressions.
 */

export interface ConfigTemplate {
  path: readonly (string | number)[];
  field: string;
  tpl: CompiledTemplate;
}

export interface NodePlan {
  index: number;
  node: FlowNode;
  def: AnyNodeDefinition;
  settings: EffectiveSettings;
  policy: RetryPolicy;
  /** The parsed config when no field holds an expression. */
  staticConfig: { value: unknown } | undefined;
  templates: readonly ConfigTemplate[];
  /** A config expression reads `item` or `index`: resolve per mapped element. */
  perElement: boolean;
  mapOver: CompiledTemplate | undefined;
  /** Needs an expression scope at all (templates or mapOver). */
  needsScope: boolean;
  /**
   * The upstream nodes its expressions name, i.e. what its scope's `nodes` must hold;
   * undefined when an expression reads `nodes` dynamically (then every ancestor).
   */
  scopeNodes: readonly string[] | undefined;
  usesVars: boolean;
}

export interface RunPlan {
  document: FlowDocument;
  graph: FlowGraph;
  nodes: readonly NodePlan[];
  /** Some expression reads `vars`: load workspace variables at run start. */
  usesVars: boolean;
  /** For each node, the nodes whose output it reads (its sources and the nodes its expressions name). */
  reads: readonly (readonly number[])[];
  /** For each node, how many nodes read its output; -1 when it must be kept (read dynamically, or a leaf). */
  readers: readonly number[];
}

export function buildRunPlan(document: FlowDocument, registry: NodeRegistry): RunPlan {
  const graph = buildGraph(document);
  const nodes = document.nodes.map((node, index): NodePlan => {
    const def = registry.get(node.type, node.typeVersion);
    if (!def) throw new Error(`unknown node type ${node.type}@${node.typeVersion}`);
    const settings = effectiveSettings(def, node.settings);
    const templates = findTemplateFields(node.config).map((f) => {
      const field = fieldName(["config", ...f.path]);
      return { path: f.path, field, tpl: compileTemplate(f.text, { nodeId: node.id, field }) };
    });
    const mapOver =
      settings.mapOver === undefined ? undefined : compileTemplate(settings.mapOver, { nodeId: node.id, field: "settings.mapOver" });
    const reads = (root: string): boolean => templates.some((t) => t.tpl.refs.roots.has(root)) || (mapOver?.refs.roots.has(root) ?? false);
    return {
      index,
      node,
      def,
      settings,
      policy: {
        retries: settings.retries,
        retryDelayMs: settings.retryDelayMs,
        backoff: settings.backoff,
        jitter: settings.jitter,
        retryOn: settings.retryOn,
      },
      staticConfig: templates.length === 0 ? { value: (def.config as z.ZodType).parse(node.config) } : undefined,
      templates,
      perElement: templates.some((t) => t.tpl.refs.roots.has("item") || t.tpl.refs.roots.has("index")),
      mapOver,
      needsScope: templates.length > 0 || mapOver !== undefined,
      scopeNodes: namedNodes([...templates.map((t) => t.tpl), ...(mapOver ? [mapOver] : [])]),
      usesVars: reads("vars"),
    };
  });
  const { reads, readers } = outputReaders(graph, nodes);
  return { document, graph, nodes, usesVars: nodes.some((n) => n.usesVars), reads, readers };
}

function namedNodes(tpls: readonly CompiledTemplate[]): string[] | undefined {
  const ids = new Set<string>();
  for (const tpl of tpls) {
    if (tpl.refs.dynamicNodes) return undefined;
    for (const id of tpl.refs.nodes) ids.add(id);
  }
  return [...ids];
}

/**
 * Who reads each node's output, so a run can drop an output from memory once every reader has
 * finished. An expression that indexes `nodes` dynamically may read any ancestor: those are
 * kept, as are leaves (they make up the run's output).
 */
function outputReaders(graph: FlowGraph, nodes: readonly NodePlan[]): { reads: number[][]; readers: number[] } {
  const readers = nodes.map(() => 0);
  const keep = nodes.map((_, i) => graph.outbound[i]!.length === 0);
  const reads = nodes.map((plan, i) => {
    const set = new Set<number>(graph.inbound[i]!.map((e) => e.source));
    const tpls = [...plan.templates.map((t) => t.tpl), ...(plan.mapOver ? [plan.mapOver] : [])];
    for (const tpl of tpls) {
      for (const id of tpl.refs.nodes) {
        const j = graph.indexOf.get(id);
        if (j !== undefined) set.add(j);
      }
      if (tpl.refs.dynamicNodes) for (const id of graph.ancestorsOf(i)) keep[graph.indexOf.get(id)!] = true;
    }
    return [...set];
  });
  for (const list of reads) for (const j of list) readers[j]!++;
  return { reads, readers: readers.map((n, i) => (keep[i] ? -1 : n)) };
}
