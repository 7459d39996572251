import { FLOW_SCHEMA_ID, type FlowDocument, type FlowNode } from "@/lib/engine";

/** Items of the map run once before the measured one, so the code is warm. */
export const WARM_UP_ITEMS = 5_000;

const at = (i: number): FlowNode["position"] => ({ x: i * 200, y: 0 });

/** trigger -> n nodes in a row; `node` is the type of each link. */
export function chainFlow(length: number, node: "noop" | "set-fields"): FlowDocument {
  const nodes: FlowNode[] = [{ id: "start", type: "core.trigger.manual", typeVersion: 1, position: at(0), config: {} }];
  for (let i = 1; i <= length; i++) {
    nodes.push(
      node === "noop"
        ? { id: `n${i}`, type: "bench.flow.noop", typeVersion: 1, position: at(i), config: {} }
        : { id: `n${i}`, type: "core.data.set-fields", typeVersion: 1, position: at(i), config: { fields: { step: i } } },
    );
  }
  const edges = nodes.slice(1).map((n, i) => ({
    id: `e${i}`,
    source: nodes[i]!.id,
    sourcePort: "out",
    target: n.id,
    targetPort: "in",
  }));
  return { schema: FLOW_SCHEMA_ID, name: `Chain of ${length} ${node}`, nodes, edges };
}

/**
 * trigger -> generate `count` items -> three mapped transforms, each over the previous
 * node's output (the element is the transform's input).
 */
export function mapFlow(count: number, mapConcurrency: number): FlowDocument {
  const transforms = [
    '{ "id": id, "name": $uppercase(name), "email": email, "score": score }',
    '{ "id": id, "name": name, "domain": $substringAfter(email, "@"), "score": score * 2 }',
    '{ "id": id, "label": name & "@" & domain, "passed": score >= 100 }',
  ];
  const nodes: FlowNode[] = [
    { id: "start", type: "core.trigger.manual", typeVersion: 1, position: at(0), config: {} },
    { id: "gen", type: "bench.data.generate", typeVersion: 1, position: at(1), config: { count } },
  ];
  transforms.forEach((expression, i) => {
    const source = nodes[nodes.length - 1]!.id;
    nodes.push({
      id: `t${i + 1}`,
      type: "core.data.transform",
      typeVersion: 1,
      position: at(i + 2),
      config: { expression },
      settings: { mapOver: `{{ nodes.${source}.output }}`, mapConcurrency },
    });
  });
  const edges = nodes.slice(1).map((n, i) => ({
    id: `e${i}`,
    source: nodes[i]!.id,
    sourcePort: "out",
    target: n.id,
    targetPort: "in",
  }));
  return { schema: FLOW_SCHEMA_ID, name: `Map ${count} items through three transforms`, nodes, edges };
}
