import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-500">This page does not exist, or it belongs to a workspace you are not a member of.</p>
      <Link href="/" className={buttonClasses("secondary", "md", "mt-6")}>
        Go to your workspaces
      </Link>
    </main>
  );
}
