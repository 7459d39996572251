import { getConfig } from "@/lib/server/config";
import { readJson } from "@/lib/server/http/read-json";
import { json, workspaceRoute } from "@/lib/server/http/route";
import { createInvitation, listInvitations } from "@/lib/server/workspaces/invitation-service";
import { createInvitationSchema } from "@/lib/server/workspaces/workspace-schemas";

export const GET = workspaceRoute("member:manage", async (_req, { db, access }) =>
  json({ invitations: await listInvitations(db, access.workspace.id) }),
);

/** Creates a single-use invitation link for one email; the link is in this response only. */
export const POST = workspaceRoute("member:manage", async (req, { db, access }) => {
  const input = await readJson(req, createInvitationSchema, { maxBytes: 10_000 });
  const { invitation, token } = await createInvitation(db, access, input);
  return json({ invitation, url: `${getConfig().publicUrl}/invite/${token}` }, 201);
});
