"use client";

import { memo, useState } from "react";
import { cx } from "@/components/canvas/ui";

/** A collapsible JSON viewer: objects and arrays fold; long arrays show the first 100 entries. */
export const JsonTree = memo(function JsonTree({
  value,
  label,
  defaultOpen = 2,
}: {
  value: unknown;
  label?: string;
  defaultOpen?: number;
}) {
  return (
    <div className="font-mono text-[12px] leading-5 text-zinc-800" data-testid="json-tree">
      <JsonNode name={label} value={value} depth={0} open={defaultOpen} />
    </div>
  );
});

function JsonNode({ name, value, depth, open }: { name?: string; value: unknown; depth: number; open: number }) {
  const [expanded, setExpanded] = useState(depth < open);
  const isObj = value !== null && typeof value === "object";
  const key = name !== undefined ? <span className="text-violet-700">{name}: </span> : null;
  if (!isObj) {
    return (
      <div style={{ paddingLeft: depth * 14 }}>
        {key}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: (readonly [string, unknown])[] = Array.isArray(value)
    ? (value as unknown[]).map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
  return (
    <div>
      <button
        type="button"
        onClick={() => setExpanded(!expanded)}
        className="flex items-center gap-1 text-left hover:bg-zinc-50"
        style={{ paddingLeft: depth * 14 }}
        aria-expanded={expanded}
      >
        <span className={cx("inline-block w-3 text-zinc-400 transition-transform", expanded && "rotate-90")}>▸</span>
        {key}
        <span className="text-zinc-400">{summary}</span>
      </button>
      {expanded ? (
        <>
          {entries.slice(0, 100).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} open={open} />
          ))}
          {entries.length > 100 ? (
            <div style={{ paddingLeft: (depth + 1) * 14 }} className="text-zinc-400">
              … {entries.length - 100} more
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-zinc-400">null</span>;
  if (value === undefined) return <span className="text-zinc-400">undefined</span>;
  if (typeof value === "string") return <span className="break-all text-emerald-700">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-sky-700">{value}</span>;
  if (typeof value === "boolean") return <span className="text-amber-700">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}
