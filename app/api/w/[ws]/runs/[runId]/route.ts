import { pathParam } from "@/lib/server/http/path-params";
import { authedRoute, json } from "@/lib/server/http/route";
import { runIdSchema } from "@/lib/server/runtime/run-schemas";
import { getRunDetail } from "@/lib/server/runtime/run-service";

type P = { ws: string; runId: string };

/** The run with its pinned document, step runs, log lines and artifacts. */
export const GET = authedRoute<P>(async (_req, ctx, p) =>
  json({ run: await getRunDetail(ctx, p.ws, pathParam(runIdSchema, p.runId, "Run")) }),
);
