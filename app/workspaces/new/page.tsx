import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/shell/auth-card";
import { requirePageCaller } from "@/lib/server/auth/page-session";
import { listWorkspacesOf } from "@/lib/server/workspaces/workspace-service";
import { NewWorkspaceForm } from "./new-workspace-form";

export const metadata: Metadata = { title: "New workspace" };
export const dynamic = "force-dynamic";

export default async function NewWorkspacePage() {
  const ctx = await requirePageCaller("/workspaces/new");
  const workspaces = await listWorkspacesOf(ctx.db, ctx.caller.userId);
  return (
    <AuthCard
      title="Create a workspace"
      subtitle="A workspace holds a team's flows, credentials and runs. You will be its owner."
      footer={
        workspaces[0] ? (
          <Link href={`/w/${workspaces[0].slug}`} className="font-medium text-indigo-600 hover:text-indigo-500">
            Back to {workspaces[0].name}
          </Link>
        ) : undefined
      }
    >
      <NewWorkspaceForm />
    </AuthCard>
  );
}
