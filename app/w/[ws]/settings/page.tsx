import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { permissionsOf } from "@/lib/server/authz/permissions";
import { listMembers } from "@/lib/server/workspaces/member-service";
import { toWorkspaceDetail } from "@/lib/server/workspaces/workspace-service";
import { WorkspaceSettings } from "./workspace-settings";

export const metadata: Metadata = { title: "Workspace settings" };
export const dynamic = "force-dynamic";

export default async function WorkspaceSettingsPage({ params }: { params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/settings`);
  const access = await requirePageMember(ctx, ws);
  const members = await listMembers(ctx.db, access.workspace.id);
  return (
    <WorkspaceSettings
      workspace={toWorkspaceDetail(access)}
      permissions={permissionsOf(access.role)}
      userId={ctx.caller.userId}
      others={members
        .filter((m) => m.userId !== ctx.caller.userId)
        .map((m) => ({ userId: m.userId, label: m.name ? `${m.name} (${m.email})` : m.email }))}
      soleOwner={access.role === "owner" && members.filter((m) => m.role === "owner").length === 1}
    />
  );
}
