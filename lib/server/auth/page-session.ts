import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { AuthzContext, Caller } from "@/lib/server/authz/caller";
import type { Action } from "@/lib/server/authz/permissions";
import { requireMember, type WorkspaceAccess } from "@/lib/server/authz/require-member";
import { getConfig } from "@/lib/server/config";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { sessionUserId } from "./session-cookie";

/**
 * Session checks for pages (server components). They read the same cookie the API reads and
 * load the user on every request; pages then call the same authorization gate as routes.
 */
export async function currentCaller(): Promise<Caller | undefined> {
  const store = await cookies();
  const config = getConfig();
  const userId = await sessionUserId(
    new Map(store.getAll().map((c) => [c.name, c.value])),
    config.authSecret,
    config.publicUrl.startsWith("https://"),
  );
  if (!userId) return undefined;
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  return user ? { userId: user.id, email: user.email, name: user.name, via: "session" } : undefined;
}

/** The signed-in caller with the database, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageCaller(returnTo: string): Promise<AuthzContext> {
  const caller = await currentCaller();
  if (!caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { db: getDb(), caller };
}

/** Membership for a page: a workspace the caller is not in renders the 404 page. */
export async function requirePageMember(ctx: AuthzContext, workspace: string, action: Action = "workspace:read"): Promise<WorkspaceAccess> {
  try {
    return await requireMember(ctx, workspace, action);
  } catch (err) {
    if (err instanceof AppError && (err.status === 404 || err.status === 403)) notFound();
    throw err;
  }
}

/** Runs a service call for a page, rendering the 404 page for its 404s. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}
