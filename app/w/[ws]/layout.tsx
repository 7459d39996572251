import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { RememberWorkspace } from "@/components/shell/remember-workspace";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { listWorkspacesOf } from "@/lib/server/workspaces/workspace-service";

export const dynamic = "force-dynamic";

/**
 * Every page under /w/<workspace> passes this membership check first: a workspace the
 * caller is not a member of renders 404, whichever page below was asked for.
 */
export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const ctx = await requirePageCaller(`/w/${ws}`);
  const access = await requirePageMember(ctx, ws);
  const workspaces = await listWorkspacesOf(ctx.db, ctx.caller.userId);
  const current = { slug: access.workspace.slug, name: access.workspace.name, role: access.role };
  return (
    <div className="min-h-screen">
      <RememberWorkspace slug={access.workspace.slug} />
      <AppHeader current={current} workspaces={workspaces} user={{ name: ctx.caller.name, email: ctx.caller.email }} />
      {children}
    </div>
  );
}
