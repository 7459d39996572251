import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { RunsList } from "@/components/run/runs-list";

export const metadata: Metadata = { title: "Runs · Switchyard" };
export const dynamic = "force-dynamic";

/** The runs of one flow, with filters. */
export default async function FlowRunsPage({ params }: { params: Promise<{ ws: string; flowId: string }> }) {
  const { ws, flowId } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/flows/${flowId}/runs`);
  const access = await requirePageMember(ctx, ws);
  const slug = access.workspace.slug;
  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-6 sm:px-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold text-zinc-900">Runs</h1>
        <div className="flex gap-4">
          <a
            href={`/w/${encodeURIComponent(slug)}/flows/${encodeURIComponent(flowId)}/triggers`}
            className="text-sm font-medium text-indigo-600 hover:underline"
          >
            Triggers
          </a>
          <a
            href={`/w/${encodeURIComponent(slug)}/flows/${encodeURIComponent(flowId)}`}
            className="text-sm font-medium text-indigo-600 hover:underline"
          >
            ← Back to the editor
          </a>
        </div>
      </div>
      <RunsList ws={slug} flowId={flowId} />
    </div>
  );
}
