import { pathParam } from "@/lib/server/http/path-params";
import { authedRoute, json } from "@/lib/server/http/route";
import { runIdSchema } from "@/lib/server/runtime/run-schemas";
import { cancelRun } from "@/lib/server/runtime/run-service";

type P = { ws: string; runId: string };

/** Cancels a waiting or running run (`outcome`: cancelled, or cancelling while steps stop). 409 when it has finished. */
export const POST = authedRoute<P>(async (_req, ctx, p) => json(await cancelRun(ctx, p.ws, pathParam(runIdSchema, p.runId, "Run")), 202));
