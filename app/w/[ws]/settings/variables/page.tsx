import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { listVariables } from "@/lib/server/variables/variable-service";
import { VariablesPanel } from "./variables-panel";

export const metadata: Metadata = { title: "Variables" };
export const dynamic = "force-dynamic";

/** Workspace variables: named JSON values flows read as `vars.<name>` (runners read, editors and above change). */
export default async function VariablesPage({ params }: { params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/settings/variables`);
  const access = await requirePageMember(ctx, ws, "secret:use");
  const variables = await listVariables(ctx, access.workspace.slug);
  return <VariablesPanel ws={access.workspace.slug} initial={variables} canWrite={can(access.role, "secret:write")} />;
}
