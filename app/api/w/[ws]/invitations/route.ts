import { getConfig } from "@/lib/server/config";
import { requireMember } from "@/lib/server/authz/require-member";
import { readJson } from "@/lib/server/http/read-json";
import { authedRoute, json } from "@/lib/server/http/route";
import { createInvitation, listInvitations } from "@/lib/server/workspaces/invitation-service";
import { createInvitationSchema } from "@/lib/server/workspaces/workspace-schemas";

type P = { ws: string };

export const GET = authedRoute<P>(async (_req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "member:manage");
  return json({ invitations: await listInvitations(ctx.db, access.workspace.id) });
});

/** Creates a single-use invitation link for one email; the link is in this response only. */
export const POST = authedRoute<P>(async (req, ctx, { ws }) => {
  const access = await requireMember(ctx, ws, "member:manage");
  const input = await readJson(req, createInvitationSchema, { maxBytes: 10_000 });
  const { invitation, token } = await createInvitation(ctx.db, access, input);
  return json({ invitation, url: `${getConfig().publicUrl}/invite/${token}` }, 201);
});
