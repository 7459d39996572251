import { getDb } from "@/lib/server/db/client";
import { json, route } from "@/lib/server/http/route";
import { previewInvitation } from "@/lib/server/workspaces/invitation-service";

/** What an invitation link offers (workspace name, role, invited email), for its landing page. */
export const GET = route<{ token: string }>(async (_req, ctx) => {
  const { token } = await ctx.params;
  return json({ invitation: await previewInvitation(getDb(), token) });
});
