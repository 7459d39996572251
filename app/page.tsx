import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LAST_WORKSPACE_COOKIE } from "@/components/shell/remember-workspace";
import { currentCaller } from "@/lib/server/auth/page-session";
import { isFreshInstall } from "@/lib/server/auth/sign-up";
import { getDb } from "@/lib/server/db/client";
import { listWorkspacesOf } from "@/lib/server/workspaces/workspace-service";

export const dynamic = "force-dynamic";

/**
 * The front door: a fresh install goes to sign-up (the first account becomes the owner),
 * a visitor to sign-in, a signed-in user to the workspace they used last.
 */
export default async function Home() {
  const caller = await currentCaller();
  if (!caller) redirect((await isFreshInstall(getDb())) ? "/sign-up" : "/sign-in");
  const workspaces = await listWorkspacesOf(getDb(), caller.userId);
  const last = (await cookies()).get(LAST_WORKSPACE_COOKIE)?.value;
  const target = workspaces.find((w) => w.slug === last) ?? workspaces[0];
  redirect(target ? `/w/${target.slug}` : "/workspaces/new");
}
