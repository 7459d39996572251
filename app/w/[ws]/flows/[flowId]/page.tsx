import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { FlowEditorClient } from "./flow-editor-client";

export const metadata: Metadata = { title: "Flow editor · Switchyard" };
export const dynamic = "force-dynamic";

/** The flow editor. Access is checked here (and by every API route it calls); viewers and runners get a read-only canvas. */
export default async function FlowEditorPage({ params }: { params: Promise<{ ws: string; flowId: string }> }) {
  const { ws, flowId } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/flows/${flowId}`);
  const access = await requirePageMember(ctx, ws);
  return (
    <div className="h-[calc(100vh-3.5rem)]">
      <FlowEditorClient ws={access.workspace.slug} flowId={flowId} readOnly={!can(access.role, "flow:write")} />
    </div>
  );
}
