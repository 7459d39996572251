import type { Metadata } from "next";
import { AuthCard } from "@/components/shell/auth-card";
import { buttonClasses } from "@/components/ui/button";
import { currentCaller } from "@/lib/server/auth/page-session";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { previewInvitation, type InvitationPreview } from "@/lib/server/workspaces/invitation-service";
import { AcceptInvitation } from "./accept-invitation";
import Link from "next/link";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let preview: InvitationPreview | undefined;
  try {
    preview = await previewInvitation(getDb(), token);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  if (!preview) {
    return (
      <AuthCard
        title="Invitation not valid"
        subtitle="This link is invalid, was already used, or has expired. Ask the person who invited you for a new one."
      >
        <Link href="/" className={buttonClasses("secondary", "md", "w-full")}>
          Go to Switchyard
        </Link>
      </AuthCard>
    );
  }
  const caller = await currentCaller();
  const back = `/invite/${token}`;
  return (
    <AuthCard
      title={`Join ${preview.workspaceName}`}
      subtitle={`You have been invited as ${preview.role === "admin" || preview.role === "owner" ? "an" : "a"} ${preview.role}.`}
    >
      {caller ? (
        caller.email === preview.email ? (
          <AcceptInvitation token={token} />
        ) : (
          <p className="text-sm text-zinc-600">
            This invitation is for another email address than the one you are signed in with ({caller.email}). Sign out and sign in with the
            invited address to accept it.
          </p>
        )
      ) : (
        <div className="space-y-3">
          <Link
            href={`/sign-up?invitation=${encodeURIComponent(token)}&email=${encodeURIComponent(preview.email)}`}
            className={buttonClasses("primary", "md", "w-full")}
          >
            Create an account
          </Link>
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`} className={buttonClasses("secondary", "md", "w-full")}>
            I already have an account
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
