import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { createWorkspace } from "@/lib/server/workspaces/workspace-service";
import { normalizeEmail } from "./email";

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null | undefined;
  name: string | null | undefined;
  image: string | null | undefined;
  /** Token fields next-auth received; stored like next-auth's own adapters do. */
  tokens: {
    access_token?: string;
    refresh_token?: string;
    expires_at?: number;
    token_type?: string;
    scope?: string;
    id_token?: string;
    session_state?: string;
  };
}

/**
 * Finds the user of an OAuth account, or creates one (with a workspace of their own). An
 * existing password account with the same email is not linked automatically: whoever
 * controls an OAuth account with that email would otherwise take it over.
 */
export async function signInWithOAuth(db: Db, identity: OAuthIdentity, opts: { allowSignup: boolean }): Promise<{ userId: string }> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
  });
  if (linked) return { userId: linked.userId };
  if (!identity.email) throw new AppError("bad_request", "OAuthNoEmail");
  const email = normalizeEmail(identity.email);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError("conflict", "OAuthAccountNotLinked");
    const first = (await tx.user.count()) === 0;
    if (!first && !opts.allowSignup) throw new AppError("forbidden", "SignupClosed");
    const user = await tx.user.create({
      data: { email, name: identity.name ?? null, image: identity.image ?? null, emailVerified: new Date() },
    });
    await tx.account.create({
      data: {
        userId: user.id,
        type: identity.type,
        provider: identity.provider,
        providerAccountId: identity.providerAccountId,
        ...identity.tokens,
      },
    });
    await createWorkspace(tx, user.id, `${(identity.name ?? email).split(/[\s@]+/)[0] ?? "My"}'s workspace`);
    return { userId: user.id };
  });
}

export async function userIdOfOAuthAccount(db: Db, provider: string, providerAccountId: string): Promise<string | undefined> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return account?.userId;
}
