import { flowIdSchema } from "@/lib/server/flows/flow-schemas";
import { pathParam } from "@/lib/server/http/path-params";
import { readQuery } from "@/lib/server/http/query";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";
import { runListQuerySchema, startRunSchema } from "@/lib/server/runtime/run-schemas";
import { listFlowRuns, startFlowRun } from "@/lib/server/runtime/run-service";

type P = { ws: string; flowId: string };

/** The flow's runs, newest first: `?state=failed,crashed&since=…&dryRun=false&limit=50&cursor=…`. */
export const GET = authedRoute<P>(async (req, ctx, p) =>
  json(await listFlowRuns(ctx, p.ws, pathParam(flowIdSchema, p.flowId, "Flow"), readQuery(req, runListQuerySchema))),
);

/**
 * Starts a run `{ parameters, dryRun, version? }` and answers 202 `{ runId }` at once. With the
 * flow's idempotency key, a repeat inside the window answers the first run's id (`deduplicated`).
 */
export const POST = authedRoute<P>(async (req, ctx, p) => {
  const flowId = pathParam(flowIdSchema, p.flowId, "Flow");
  const input = await readJson(req, startRunSchema, { optional: true });
  const { runId, deduplicated } = await startFlowRun(ctx, p.ws, flowId, input);
  return json({ runId, deduplicated }, 202, { Location: `/api/w/${encodeURIComponent(p.ws)}/runs/${runId}` });
});
