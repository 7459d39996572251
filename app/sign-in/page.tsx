import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/shell/auth-card";
import { currentCaller } from "@/lib/server/auth/page-session";
import { isFreshInstall } from "@/lib/server/auth/sign-up";
import { getConfig } from "@/lib/server/config";
import { getDb } from "@/lib/server/db/client";
import { describeAuthError } from "@/lib/client/sign-in";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentCaller()) redirect(callbackUrl);
  if (await isFreshInstall(getDb())) redirect("/sign-up");
  const config = getConfig();
  const providers = [
    ...(config.oauth.github ? [{ id: "github", name: "GitHub" }] : []),
    ...(config.oauth.google ? [{ id: "google", name: "Google" }] : []),
  ];
  const error = typeof params.error === "string" ? describeAuthError(params.error) : undefined;
  return (
    <AuthCard
      title="Sign in to Switchyard"
      subtitle="Welcome back. Sign in to open your workspaces."
      footer={
        <>
          New here?{" "}
          <Link href="/sign-up" className="font-medium text-indigo-600 hover:text-indigo-500">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} providers={providers} initialError={error} />
    </AuthCard>
  );
}
