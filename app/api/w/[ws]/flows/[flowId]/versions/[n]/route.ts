import { flowIdSchema, versionNumberSchema } from "@/lib/server/flows/flow-schemas";
import { getVersion } from "@/lib/server/flows";
import { pathParam } from "@/lib/server/http/path-params";
import { authedRoute, json } from "@/lib/server/http/route";

export const GET = authedRoute<{ ws: string; flowId: string; n: string }>(async (_req, ctx, p) =>
  json({ version: await getVersion(ctx, p.ws, pathParam(flowIdSchema, p.flowId, "Flow"), pathParam(versionNumberSchema, p.n, "Version")) }),
);
