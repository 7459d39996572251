import { forwardRef, useEffect, useRef, type ComponentProps, type ReactNode } from "react";
import { NodeIcon } from "./icons";

/** Small buttons and chrome shared by the canvas, the inspector and the run views. */

export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

type Tone = "primary" | "secondary" | "ghost" | "danger";
const tones: Record<Tone, string> = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500",
  secondary: "bg-white text-zinc-800 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50",
  ghost: "text-zinc-700 hover:bg-zinc-100",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-500",
};

export const Btn = forwardRef<HTMLButtonElement, ComponentProps<"button"> & { tone?: Tone; icon?: string; busy?: boolean }>(function Btn(
  { tone = "secondary", icon, busy, className, children, type = "button", disabled, ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={cx(
        "inline-flex h-8 items-center justify-center gap-1.5 rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-50",
        tones[tone],
        className,
      )}
      {...props}
    >
      {busy ? <NodeIcon name="loader" size={15} className="animate-spin" /> : icon ? <NodeIcon name={icon} size={15} /> : null}
      {children}
    </button>
  );
});

/** An icon-only button; `label` is its accessible name and tooltip. */
export function IconBtn({
  icon,
  label,
  shortcut,
  className,
  ...props
}: ComponentProps<"button"> & { icon: string; label: string; shortcut?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      className={cx(
        "inline-flex size-8 items-center justify-center rounded-md text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 disabled:cursor-not-allowed disabled:opacity-40",
        className,
      )}
      {...props}
    >
      <NodeIcon name={icon} size={17} />
    </button>
  );
}

export function Pill({
  tone = "zinc",
  children,
  className,
}: {
  tone?: "zinc" | "indigo" | "emerald" | "amber" | "red" | "sky" | "violet";
  children: ReactNode;
  className?: string;
}) {
  const map = {
    zinc: "bg-zinc-100 text-zinc-700",
    indigo: "bg-indigo-50 text-indigo-700",
    emerald: "bg-emerald-50 text-emerald-700",
    amber: "bg-amber-50 text-amber-800",
    red: "bg-red-50 text-red-700",
    sky: "bg-sky-50 text-sky-700",
    violet: "bg-violet-50 text-violet-700",
  } as const;
  return (
    <span className={cx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium", map[tone], className)}>
      {children}
    </span>
  );
}

/** A modal dialog with a title, closed by Escape or the backdrop. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const close = useRef(onClose);
  close.current = onClose;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Escape closes the dialog wherever the focus is: a dialog opened by a shortcut (`?`) leaves
    // the focus on the canvas. Focus moves into the dialog unless a field in it took it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      close.current();
    };
    window.addEventListener("keydown", onKey);
    if (!box.current?.contains(document.activeElement)) box.current?.focus();
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-zinc-900/40 p-4"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={box}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className={cx(
          "outline-none",
          "max-h-[85vh] w-full overflow-auto rounded-xl bg-white shadow-2xl ring-1 ring-zinc-200",
          wide ? "max-w-3xl" : "max-w-lg",
        )}
      >
        <div className="flex items-center justify-between border-b border-zinc-100 px-5 py-3">
          <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
          <IconBtn icon="x" label="Close" onClick={onClose} />
        </div>
        <div className="px-5 py-4">{children}</div>
      </div>
    </div>
  );
}
