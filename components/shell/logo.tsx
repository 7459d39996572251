import Link from "next/link";

/** The Switchyard mark: two tracks joining, in the brand colour. */
export function Logo({ href = "/", withName = true }: { href?: string; withName?: boolean }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900">
      <svg viewBox="0 0 32 32" width={28} height={28} aria-hidden>
        <rect width="32" height="32" rx="8" className="fill-indigo-600" />
        <path d="M8 23c5 0 6-14 16-14M8 9h16M8 23h16" stroke="white" strokeWidth="2.5" strokeLinecap="round" fill="none" />
      </svg>
      {withName ? <span>Switchyard</span> : <span className="sr-only">Switchyard</span>}
    </Link>
  );
}
