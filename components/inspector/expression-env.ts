import type { NodeCatalog } from "@/lib/editor/catalog";
import { upstreamOf } from "@/lib/editor/connection-rules";
import { buildScope } from "@/lib/editor/expression-completion";
import type { PreviewContext } from "@/lib/editor/expression-preview";
import type { GraphStructure } from "@/lib/editor/graph-structure";
import { outputFields } from "@/lib/editor/schema-form";
import type { ExpressionEnv } from "./expression-input";

/** Data of the last run (or test results and pinned samples) that previews and completions read. */
export interface SampleData {
  params: Record<string, unknown>;
  /** Output per node id. */
  outputs: Record<string, unknown>;
  run?: Record<string, unknown>;
  /** Whether anything real is known (a run happened, or data is pinned). */
  present: boolean;
}

/** Completion scope and preview context for the expression fields of one node. */
export function expressionEnvFor(
  nodeId: string,
  graph: GraphStructure,
  catalog: NodeCatalog,
  sample: SampleData,
  vars: readonly string[],
): ExpressionEnv {
  const upstreamIds = upstreamOf(graph.edges, nodeId);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const upstream = upstreamIds.flatMap((id) => {
    const n = byId.get(id);
    if (!n) return [];
    const def = catalog.get(n.data.type, n.data.typeVersion);
    return [
      {
        id,
        label: n.data.label ?? def?.title,
        fields: def ? outputFields(def.output as Parameters<typeof outputFields>[0]) : [],
        sample: sample.outputs[id],
      },
    ];
  });
  const self = byId.get(nodeId);
  const scope = buildScope({ parameters: graph.meta.parameters, vars, upstream, mapOver: Boolean(self?.data.settings?.mapOver) });
  const direct = graph.edges.filter((e) => e.target === nodeId).map((e) => e.source);
  const preview: PreviewContext | null = sample.present
    ? {
        params: sample.params,
        nodes: Object.fromEntries(upstreamIds.filter((id) => id in sample.outputs).map((id) => [id, { output: sample.outputs[id] }])),
        vars: {},
        run: sample.run ?? { id: "preview", flowName: graph.meta.name, attempt: 1, dryRun: false },
        input: direct.length === 1 ? sample.outputs[direct[0]!] : Object.fromEntries(direct.map((id) => [id, sample.outputs[id]])),
      }
    : null;
  return { scope, preview };
}
