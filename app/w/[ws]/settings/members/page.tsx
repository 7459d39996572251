import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { listInvitations } from "@/lib/server/workspaces/invitation-service";
import { listMembers } from "@/lib/server/workspaces/member-service";
import { MembersPanel } from "./members-panel";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/settings/members`);
  const access = await requirePageMember(ctx, ws);
  const manage = can(access.role, "member:manage");
  const [members, invitations] = await Promise.all([
    listMembers(ctx.db, access.workspace.id),
    manage ? listInvitations(ctx.db, access.workspace.id) : [],
  ]);
  return (
    <MembersPanel
      workspace={access.workspace.slug}
      role={access.role}
      userId={ctx.caller.userId}
      members={members}
      invitations={invitations}
      canManage={manage}
    />
  );
}
