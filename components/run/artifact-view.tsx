import type { ArtifactRecordView } from "@/lib/editor/api-schemas";
import { DataTable } from "./data-table";
import { Markdown } from "./markdown";

/** One artifact of a run: markdown rendered, a table, or a link. */
export function ArtifactView({ record }: { record: ArtifactRecordView }) {
  const a = record.artifact;
  return (
    <article className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200" data-testid="artifact" data-kind={a.kind}>
      <header className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-zinc-900">
          {a.title || (a.kind === "table" ? "Table" : a.kind === "link" ? "Link" : "Report")}
        </h3>
        <span className="text-xs text-zinc-400">
          {a.kind} · {record.stepKey}
        </span>
      </header>
      {a.kind === "markdown" ? <Markdown source={a.body} /> : null}
      {a.kind === "table" ? <DataTable columns={a.columns} rows={a.rows} /> : null}
      {a.kind === "link" ? (
        /^https?:/i.test(a.url) ? (
          <a href={a.url} target="_blank" rel="noreferrer noopener" className="text-sm font-medium break-all text-indigo-600 underline">
            {a.label || a.url}
          </a>
        ) : (
          <span className="text-sm break-all text-zinc-700">{a.label || a.url}</span>
        )
      ) : null}
    </article>
  );
}
