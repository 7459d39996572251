import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { RunPage } from "@/components/run/run-page";

export const metadata: Metadata = { title: "Run · Switchyard" };
export const dynamic = "force-dynamic";

/** One run: timeline, steps, logs and artifacts. The data comes from the runs API, which checks access again. */
export default async function RunDetailPage({ params }: { params: Promise<{ ws: string; runId: string }> }) {
  const { ws, runId } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/runs/${runId}`);
  const access = await requirePageMember(ctx, ws);
  return <RunPage ws={access.workspace.slug} runId={runId} canRun={can(access.role, "flow:run")} />;
}
