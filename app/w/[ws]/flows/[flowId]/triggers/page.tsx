import type { Metadata } from "next";
import { TriggersPanel } from "@/components/triggers/triggers-panel";
import { orNotFound, requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { triggersPageData } from "@/lib/server/triggers/trigger-service";

export const metadata: Metadata = { title: "Triggers · Switchyard" };
export const dynamic = "force-dynamic";

/** What starts one flow: its schedules, webhooks and flow-event triggers. */
export default async function FlowTriggersPage({ params }: { params: Promise<{ ws: string; flowId: string }> }) {
  const { ws, flowId } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/flows/${flowId}/triggers`);
  await requirePageMember(ctx, ws);
  const data = await orNotFound(triggersPageData(ctx, ws, flowId));
  const slug = data.access.workspace.slug;
  return (
    <div className="mx-auto max-w-5xl space-y-4 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold text-zinc-900">Triggers</h1>
          <p className="text-sm text-zinc-500">What starts “{data.flow.name}” besides a manual run.</p>
        </div>
        <div className="flex gap-4 text-sm font-medium">
          <a href={`/w/${encodeURIComponent(slug)}/flows/${encodeURIComponent(flowId)}/runs`} className="text-indigo-600 hover:underline">
            Runs
          </a>
          <a href={`/w/${encodeURIComponent(slug)}/flows/${encodeURIComponent(flowId)}`} className="text-indigo-600 hover:underline">
            ← Back to the editor
          </a>
        </div>
      </div>
      <TriggersPanel
        ws={slug}
        flowId={data.flow.id}
        initial={data.triggers}
        flows={data.flows}
        secrets={data.secrets}
        canWrite={can(data.access.role, "flow:write")}
      />
    </div>
  );
}
