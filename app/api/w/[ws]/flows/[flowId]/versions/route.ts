import { flowIdSchema, versionListQuerySchema } from "@/lib/server/flows/flow-schemas";
import { authorizeFlow, createVersion, createVersionSchema, listVersions } from "@/lib/server/flows";
import { pathParam } from "@/lib/server/http/path-params";
import { readQuery } from "@/lib/server/http/query";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";

type P = { ws: string; flowId: string };

/** History, newest first; `?limit=` (1–200, default 50) and `?before=<version>` page through it. */
export const GET = authedRoute<P>(async (req, ctx, p) => {
  const flowId = pathParam(flowIdSchema, p.flowId, "Flow");
  await authorizeFlow(ctx, p.ws, flowId, "workspace:read");
  return json(await listVersions(ctx, p.ws, flowId, readQuery(req, versionListQuerySchema)));
});

/** Snapshots the current draft as the next version: `{ message?, draftRevision? }`. */
export const POST = authedRoute<P>(async (req, ctx, p) => {
  const flowId = pathParam(flowIdSchema, p.flowId, "Flow");
  await authorizeFlow(ctx, p.ws, flowId, "flow:write");
  const input = await readJson(req, createVersionSchema, { maxBytes: 10_000, optional: true });
  return json({ version: await createVersion(ctx, p.ws, flowId, input) }, 201);
});
