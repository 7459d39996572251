import { authedRoute, json } from "@/lib/server/http/route";
import { acceptInvitation } from "@/lib/server/workspaces/invitation-service";

/** Joins the workspace of the invitation; the signed-in email must be the invited one. */
export const POST = authedRoute<{ token: string }>(async (_req, { db, caller }, { token }) =>
  json(await acceptInvitation(db, caller, token)),
);
