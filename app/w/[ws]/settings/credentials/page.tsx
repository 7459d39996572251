import type { Metadata } from "next";
import { CredentialsPanel } from "@/components/credentials/credentials-panel";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { can } from "@/lib/server/authz/permissions";
import { listCredentials } from "@/lib/server/credentials/credential-service";

export const metadata: Metadata = { title: "Credentials" };
export const dynamic = "force-dynamic";

/** Credentials of the workspace (runners and above; viewers get the 404 page). */
export default async function CredentialsPage({
  params,
  searchParams,
}: {
  params: Promise<{ ws: string }>;
  searchParams: Promise<{ new?: string }>;
}) {
  const { ws } = await params;
  const { new: newType } = await searchParams;
  const ctx = await requirePageCaller(`/w/${ws}/settings/credentials`);
  const access = await requirePageMember(ctx, ws, "secret:use");
  const credentials = await listCredentials(ctx, access.workspace.slug);
  return (
    <CredentialsPanel ws={access.workspace.slug} initial={credentials} canWrite={can(access.role, "secret:write")} newType={newType} />
  );
}
