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
  usesVars: boolean;
}

export interface RunPlan {
  document: FlowDocument;
  graph: FlowGraph;
  nodes: readonly NodePlan[];
  /** Some expression reads `vars`: load workspace variables at run start. */
  usesVars: boolean;
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
      usesVars: reads("vars"),
    };
  });
  return { document, graph, nodes, usesVars: nodes.some((n) => n.usesVars) };
}
