"use client";

import { memo, useMemo, useState, type DragEvent } from "react";
import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { useEditorContext } from "./editor-context";
import { NodeIcon } from "./icons";
import { CATEGORY_TILE } from "./node-style";
import { cx } from "./ui";

/** The drag-and-drop payload of a palette item: the node type to create. */
export const PALETTE_MIME = "application/x-switchyard-node-type";

/** Node types by category, with search; drag an item onto the canvas or click it to add it. */
export const Palette = memo(function Palette({ onAdd }: { onAdd: (def: AnyNodeDefinition) => void }) {
  const { catalog, readOnly } = useEditorContext();
  const [query, setQuery] = useState("");
  const groups = useMemo(() => catalog.grouped(query), [catalog, query]);
  const onDragStart = (e: DragEvent, def: AnyNodeDefinition) => {
    e.dataTransfer.setData(PALETTE_MIME, def.type);
    e.dataTransfer.setData("text/plain", def.title);
    e.dataTransfer.effectAllowed = "copy";
  };
  return (
    <aside aria-label="Node palette" className="flex h-full w-64 shrink-0 flex-col border-r border-zinc-200 bg-white">
      <div className="border-b border-zinc-100 p-3">
        <label className="relative block">
          <span className="sr-only">Search nodes</span>
          <NodeIcon name="search" size={15} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search nodes…"
            className="h-8 w-full rounded-md border-0 bg-zinc-100 pr-2 pl-8 text-sm text-zinc-900 placeholder:text-zinc-400 focus:bg-white focus:ring-2 focus:ring-indigo-500 focus:outline-none"
          />
        </label>
      </div>
      <div className="flex-1 overflow-y-auto px-2 pb-4">
        {groups.length === 0 ? <p className="px-2 py-6 text-center text-sm text-zinc-500">No node matches “{query}”.</p> : null}
        {groups.map((group) => (
          <section key={group.category} className="mt-3">
            <h3 className="px-2 pb-1 text-[11px] font-semibold tracking-wider text-zinc-400 uppercase">{group.label}</h3>
            <ul className="space-y-0.5">
              {group.entries.map((def) => (
                <li key={def.type}>
                  <button
                    type="button"
                    draggable={!readOnly}
                    disabled={readOnly}
                    onDragStart={(e) => onDragStart(e, def)}
                    onClick={() => onAdd(def)}
                    data-testid={`palette-${def.type}`}
                    title={`${def.description}\n\nDrag onto the canvas or click to add.`}
                    className="group flex w-full cursor-grab items-start gap-2.5 rounded-lg px-2 py-1.5 text-left hover:bg-zinc-50 active:cursor-grabbing disabled:cursor-default"
                  >
                    <span className={cx("mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md", CATEGORY_TILE[def.category])}>
                      <NodeIcon name={def.icon} size={15} />
                    </span>
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium text-zinc-800">{def.title}</span>
                      <span className="line-clamp-2 block text-xs text-zinc-500">{def.description}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
});
