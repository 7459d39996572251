import { noContent, workspaceRoute } from "@/lib/server/http/route";
import { revokeInvitation } from "@/lib/server/workspaces/invitation-service";

export const DELETE = workspaceRoute<{ ws: string; invitationId: string }>(
  "member:manage",
  async (_req, { db, access }, { invitationId }) => {
    await revokeInvitation(db, access, invitationId);
    return noContent();
  },
);
