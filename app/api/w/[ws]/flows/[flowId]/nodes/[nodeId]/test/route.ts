import { flowIdSchema } from "@/lib/server/flows/flow-schemas";
import { pathParam } from "@/lib/server/http/path-params";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";
import { nodeIdSchema, testNodeSchema } from "@/lib/server/runtime/run-schemas";
import { testFlowNode } from "@/lib/server/runtime/run-service";

type P = { ws: string; flowId: string; nodeId: string };

/**
 * Runs one node of the flow's draft `{ input?, config?, upstream?, params?, dryRun? }` and
 * answers with its step record `{ step }` (state, output, error, attempts).
 */
export const POST = authedRoute<P>(async (req, ctx, p) => {
  const flowId = pathParam(flowIdSchema, p.flowId, "Flow");
  const nodeId = pathParam(nodeIdSchema, p.nodeId, "Node");
  const input = await readJson(req, testNodeSchema, { optional: true, maxBytes: 5_000_000 });
  return json({ step: await testFlowNode(ctx, p.ws, flowId, nodeId, input) });
});
