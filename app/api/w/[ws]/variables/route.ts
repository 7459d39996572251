import { authedRoute, json } from "@/lib/server/http/route";
import { listVariables } from "@/lib/server/variables/variable-service";

type P = { ws: string };

/** Every variable of the workspace with its value. Runners and above. */
export const GET = authedRoute<P>(async (_req, ctx, p) => json({ variables: await listVariables(ctx, p.ws) }));
