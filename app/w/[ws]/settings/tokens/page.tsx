import type { Metadata } from "next";
import { requirePageCaller, requirePageMember } from "@/lib/server/auth/page-session";
import { getConfig } from "@/lib/server/config";
import { listApiTokens } from "@/lib/server/tokens/token-service";
import { TokensPanel } from "./tokens-panel";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage({ params }: { params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const ctx = await requirePageCaller(`/w/${ws}/settings/tokens`);
  const access = await requirePageMember(ctx, ws);
  const tokens = await listApiTokens(ctx.db, ctx.caller.userId);
  return <TokensPanel tokens={tokens} exampleUrl={`${getConfig().publicUrl}/api/w/${access.workspace.slug}/flows`} />;
}
