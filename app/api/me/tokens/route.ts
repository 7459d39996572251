import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";
import { createApiToken, createTokenSchema, listApiTokens } from "@/lib/server/tokens/token-service";

export const GET = authedRoute(async (_req, { db, caller }) => json({ tokens: await listApiTokens(db, caller.userId) }));

/** Creates a personal API token; `token` is in this response only. */
export const POST = authedRoute(async (req, { db, caller }) => {
  const input = await readJson(req, createTokenSchema, { maxBytes: 10_000 });
  return json(await createApiToken(db, caller.userId, input), 201);
});
