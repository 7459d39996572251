import { requireMember } from "@/lib/server/authz/require-member";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json, noContent } from "@/lib/server/http/route";
import { putVariableSchema } from "@/lib/server/variables/variable-schemas";
import { deleteVariable, getVariable, putVariable } from "@/lib/server/variables/variable-service";

type P = { ws: string; name: string };

export const GET = authedRoute<P>(async (_req, ctx, p) => json({ variable: await getVariable(ctx, p.ws, p.name) }));

/** Creates or replaces the variable: `{ value }` with any JSON value. 201 when created. Editors and above. */
export const PUT = authedRoute<P>(async (req, ctx, p) => {
  // Membership first: an outsider gets 404 whatever the body holds.
  await requireMember(ctx, p.ws, "secret:write");
  const body = await readJson(req, putVariableSchema, { maxBytes: 1_100_000 });
  const { variable, created } = await putVariable(ctx, p.ws, p.name, body.value);
  return json({ variable }, created ? 201 : 200);
});

export const DELETE = authedRoute<P>(async (_req, ctx, p) => {
  await deleteVariable(ctx, p.ws, p.name);
  return noContent();
});
