"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo, useState } from "react";
import type { GroupCanvasNode, NoteCanvasNode } from "@/lib/editor/graph-types";
import { useEditorContext } from "./editor-context";
import { cx } from "./ui";

const NOTE_COLORS: Record<string, string> = {
  yellow: "bg-amber-50 ring-amber-200",
  blue: "bg-sky-50 ring-sky-200",
  green: "bg-emerald-50 ring-emerald-200",
  pink: "bg-rose-50 ring-rose-200",
};
const GROUP_COLORS: Record<string, string> = {
  slate: "bg-zinc-500/5 ring-zinc-300",
  indigo: "bg-indigo-500/5 ring-indigo-300",
  emerald: "bg-emerald-500/5 ring-emerald-300",
  amber: "bg-amber-500/5 ring-amber-300",
};

/** A sticky note: free text on the canvas, saved in the document's annotations. Double-click to edit. */
export const NoteNodeView = memo(function NoteNodeView({ id, data, selected }: NodeProps<NoteCanvasNode>) {
  const { store, readOnly } = useEditorContext();
  const [editing, setEditing] = useState(false);
  return (
    <div
      data-testid={`note-${data.annotationId}`}
      className={cx(
        "h-full w-full rounded-lg p-3 shadow-sm ring-1",
        NOTE_COLORS[data.color ?? "yellow"] ?? NOTE_COLORS.yellow,
        selected && "ring-2 ring-indigo-400",
      )}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={140}
        minHeight={80}
        lineClassName="!border-indigo-300"
        handleClassName="!size-2 !bg-indigo-400"
      />
      {editing ? (
        <textarea
          autoFocus
          aria-label="Note text"
          className="nodrag nowheel h-full w-full resize-none bg-transparent text-sm text-zinc-800 outline-none"
          defaultValue={data.text ?? ""}
          onChange={(e) => store.updateAnnotation(id, { text: e.target.value }, "text")}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => {
            if (e.key === "Escape") (e.target as HTMLTextAreaElement).blur();
            e.stopPropagation();
          }}
        />
      ) : (
        <p className="h-full overflow-hidden text-sm whitespace-pre-wrap text-zinc-800">
          {data.text || <span className="text-zinc-400 italic">Double-click to write a note</span>}
        </p>
      )}
    </div>
  );
});

/** A group frame behind a set of nodes; dragging the frame moves its members. */
export const GroupNodeView = memo(function GroupNodeView({ id, data, selected }: NodeProps<GroupCanvasNode>) {
  const { store, readOnly } = useEditorContext();
  const [editing, setEditing] = useState(false);
  return (
    <div
      data-testid={`group-${data.annotationId}`}
      className={cx(
        "h-full w-full rounded-2xl ring-1 ring-dashed",
        GROUP_COLORS[data.color ?? "slate"] ?? GROUP_COLORS.slate,
        selected && "ring-2 ring-indigo-400",
      )}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={160}
        minHeight={100}
        lineClassName="!border-indigo-300"
        handleClassName="!size-2 !bg-indigo-400"
      />
      <div className="px-3 pt-2" onDoubleClick={() => !readOnly && setEditing(true)}>
        {editing ? (
          <input
            autoFocus
            aria-label="Group title"
            className="nodrag rounded bg-white/80 px-1 text-xs font-semibold tracking-wide text-zinc-700 uppercase outline-none ring-1 ring-indigo-300"
            defaultValue={data.text ?? ""}
            onChange={(e) => store.updateAnnotation(id, { text: e.target.value }, "text")}
            onBlur={() => setEditing(false)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === "Escape") (e.target as HTMLInputElement).blur();
              e.stopPropagation();
            }}
          />
        ) : (
          <span className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{data.text || "Group"}</span>
        )}
      </div>
    </div>
  );
});
