"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A navigation link marked current (aria-current) when the path is at or below `href`. */
export function NavLink({
  href,
  exact,
  children,
  variant = "top",
}: {
  href: string;
  exact?: boolean;
  children: ReactNode;
  variant?: "top" | "tab";
}) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        variant === "top" ? "rounded-md px-3 py-1.5 text-sm font-medium" : "-mb-px border-b-2 px-1 pb-3 text-sm font-medium",
        variant === "top" && (active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900"),
        variant === "tab" &&
          (active ? "border-indigo-600 text-indigo-700" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800"),
      )}
    >
      {children}
    </Link>
  );
}
