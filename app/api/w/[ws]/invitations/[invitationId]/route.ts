import { requireMember } from "@/lib/server/authz/require-member";
import { authedRoute, noContent } from "@/lib/server/http/route";
import { revokeInvitation } from "@/lib/server/workspaces/invitation-service";

export const DELETE = authedRoute<{ ws: string; invitationId: string }>(async (_req, ctx, { ws, invitationId }) => {
  const access = await requireMember(ctx, ws, "member:manage");
  await revokeInvitation(ctx.db, access, invitationId);
  return noContent();
});
