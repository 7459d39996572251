import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const base = `/w/${ws}/settings`;
  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Settings</h1>
      <nav aria-label="Settings" className="mt-6 flex gap-6 border-b border-zinc-200">
        <NavLink href={base} exact variant="tab">
          Workspace
        </NavLink>
        <NavLink href={`${base}/members`} variant="tab">
          Members
        </NavLink>
        <NavLink href={`${base}/tokens`} variant="tab">
          API tokens
        </NavLink>
      </nav>
      <div className="mt-8 space-y-8">{children}</div>
    </main>
  );
}
