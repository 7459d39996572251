import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FlowIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCaller, orNotFound } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { listCredentials } from "@/lib/server/credentials/credential-service";
import { listFlows } from "@/lib/server/flows";
import { TemplateGallery } from "@/components/templates/template-gallery";
import { NewFlowButton } from "./new-flow-button";
import { RelativeTime } from "@/components/ui/relative-time";

export const metadata: Metadata = { title: "Flows" };
export const dynamic = "force-dynamic";

export default async function WorkspaceHome({ params }: { params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const ctx = await requirePageCaller(`/w/${ws}`);
  const { access, flows } = await orNotFound(listFlows(ctx, ws));
  const canWrite = can(access.role, "flow:write");
  const slug = access.workspace.slug;
  // The template dialog offers the workspace's credentials by name and type only (never a field).
  const credentials = canWrite ? (await listCredentials(ctx, slug)).map((c) => ({ id: c.id, name: c.name, type: c.type })) : [];

  return (
    <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        title="Flows"
        description={`Automations in ${access.workspace.name}.`}
        actions={canWrite && flows.length > 0 ? <NewFlowButton workspace={slug} /> : undefined}
      />
      {flows.length === 0 ? (
        <EmptyState
          icon={<FlowIcon width={24} height={24} />}
          title="No flows yet"
          description={
            canWrite
              ? "A flow is a graph of steps: a trigger, then actions like “create a Notion page” or “send a Slack message”. Create one and add your first node on the canvas, or start from a template below."
              : "Nobody has created a flow in this workspace yet. Editors, admins and owners can create one."
          }
          action={canWrite ? <NewFlowButton workspace={slug} /> : undefined}
        />
      ) : (
        <ul role="list" className="divide-y divide-zinc-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          {flows.map((flow) => (
            <li key={flow.id}>
              <Link
                href={`/w/${slug}/flows/${flow.id}`}
                className="flex items-center gap-4 px-5 py-4 hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:outline-offset-[-2px]"
              >
                <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-600" aria-hidden>
                  <FlowIcon width={18} height={18} />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-zinc-900">{flow.name}</span>
                  <span className="mt-0.5 block truncate text-xs text-zinc-500">
                    {flow.nodeCount} {flow.nodeCount === 1 ? "node" : "nodes"} · edited <RelativeTime iso={flow.draftUpdatedAt} />
                    {flow.draftUpdatedBy ? ` by ${flow.draftUpdatedBy.name ?? flow.draftUpdatedBy.email}` : ""}
                  </span>
                </span>
                {flow.latestVersion > 0 ? <Badge tone="brand">v{flow.latestVersion}</Badge> : <Badge>Draft</Badge>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <TemplateGallery ws={slug} credentials={credentials} canWrite={canWrite} />
    </main>
  );
}
