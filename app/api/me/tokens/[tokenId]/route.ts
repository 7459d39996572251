import { authedRoute, json } from "@/lib/server/http/route";
import { revokeApiToken } from "@/lib/server/tokens/token-service";

/** Revokes the token; requests with it answer 401 from now on. */
export const DELETE = authedRoute<{ tokenId: string }>(async (_req, { db, caller }, { tokenId }) =>
  json({ token: await revokeApiToken(db, caller.userId, tokenId) }),
);
