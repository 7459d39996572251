/** S1 of BENCHMARKS.md: webhook -> set field -> if -> respond (one respond node per branch). */
export const benchFlow = {
  schema: "switchyard.flow/v1",
  name: "Webhook bench",
  nodes: [
    { id: "hook", type: "core.trigger.webhook", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: "tag",
      type: "core.data.set-fields",
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { fields: { seen: true, amount: "{{ nodes.hook.output.body.amount }}" }, keepInput: false },
    },
    { id: "big", type: "core.logic.if", typeVersion: 1, position: { x: 400, y: 0 }, config: { condition: "amount > 100" } },
    {
      id: "yes",
      type: "core.flow.respond-webhook",
      typeVersion: 1,
      position: { x: 600, y: -100 },
      config: { status: 201, body: { big: true, amount: "{{ nodes.tag.output.amount }}" } },
    },
    { id: "no", type: "core.flow.respond-webhook", typeVersion: 1, position: { x: 600, y: 100 }, config: { body: "small" } },
  ],
  edges: [
    { id: "e1", source: "hook", sourcePort: "out", target: "tag", targetPort: "in" },
    { id: "e2", source: "tag", sourcePort: "out", target: "big", targetPort: "in" },
    { id: "e3", source: "big", sourcePort: "true", target: "yes", targetPort: "in" },
    { id: "e4", source: "big", sourcePort: "false", target: "no", targetPort: "in" },
  ],
};
