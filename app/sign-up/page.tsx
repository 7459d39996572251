import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/shell/auth-card";
import { currentCaller } from "@/lib/server/auth/page-session";
import { isFreshInstall } from "@/lib/server/auth/sign-up";
import { getConfig } from "@/lib/server/config";
import { getDb } from "@/lib/server/db/client";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  if (await currentCaller()) redirect("/");
  const fresh = await isFreshInstall(getDb());
  const invitation = typeof params.invitation === "string" ? params.invitation : undefined;
  const email = typeof params.email === "string" ? params.email : undefined;
  const closed = !fresh && !invitation && !getConfig().allowSignup;
  return (
    <AuthCard
      title={fresh ? "Set up Switchyard" : invitation ? "Join your team" : "Create your account"}
      subtitle={
        fresh
          ? "You are the first person here: this creates the owner account and your first workspace."
          : invitation
            ? "Create an account to accept the invitation."
            : "Get a workspace of your own to build automations in."
      }
      footer={
        fresh ? undefined : (
          <>
            Already have an account?{" "}
            <Link
              href={invitation ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${invitation}`)}` : "/sign-in"}
              className="font-medium text-indigo-600 hover:text-indigo-500"
            >
              Sign in
            </Link>
          </>
        )
      }
    >
      {closed ? (
        <p className="text-sm text-zinc-600">Sign-up is closed on this Switchyard. Ask a workspace admin for an invitation link.</p>
      ) : (
        <SignUpForm firstUser={fresh} invitation={invitation} defaultEmail={email} />
      )}
    </AuthCard>
  );
}
