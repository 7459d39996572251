import { pathParam } from "@/lib/server/http/path-params";
import { authedRoute, json } from "@/lib/server/http/route";
import { runIdSchema } from "@/lib/server/runtime/run-schemas";
import { retryRun } from "@/lib/server/runtime/run-service";

type P = { ws: string; runId: string };

/** Retries a failed run from its failed node(s), reusing the outputs before them. 202 `{ runId }`. */
export const POST = authedRoute<P>(async (_req, ctx, p) => json(await retryRun(ctx, p.ws, pathParam(runIdSchema, p.runId, "Run")), 202));
