"use client";

import { memo, useMemo } from "react";

/** Shows a value as a table when it is a list of records (or one record); otherwise says why not. */

export function tableOf(value: unknown): { columns: string[]; rows: unknown[][] } | null {
  const list = Array.isArray(value) ? value : value && typeof value === "object" ? [value] : null;
  if (!list || list.length === 0) return null;
  if (!list.every((r) => r && typeof r === "object" && !Array.isArray(r))) return null;
  const columns: string[] = [];
  for (const r of list.slice(0, 200)) for (const k of Object.keys(r as object)) if (!columns.includes(k)) columns.push(k);
  return { columns, rows: list.slice(0, 200).map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
}

export const DataTable = memo(function DataTable({ columns, rows, caption }: { columns: string[]; rows: unknown[][]; caption?: string }) {
  return (
    <div className="max-h-80 overflow-auto rounded-lg ring-1 ring-zinc-200">
      <table className="min-w-full text-left text-[12px]" data-testid="data-table">
        {caption ? <caption className="px-2 py-1 text-left text-xs font-medium text-zinc-600">{caption}</caption> : null}
        <thead className="sticky top-0 bg-zinc-50">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="border-b border-zinc-200 px-2 py-1.5 font-semibold whitespace-nowrap text-zinc-700">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="odd:bg-white even:bg-zinc-50/50">
              {row.map((cell, j) => (
                <td key={j} className="max-w-64 truncate border-b border-zinc-100 px-2 py-1 font-mono text-zinc-800" title={cellText(cell)}>
                  {cellText(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** JSON tree or table, as the user chooses. */
export function ValueAsTable({ value }: { value: unknown }) {
  const table = useMemo(() => tableOf(value), [value]);
  if (!table) return <p className="text-xs text-zinc-500">This output is not a list of records, so it has no table view.</p>;
  return <DataTable columns={table.columns} rows={table.rows} />;
}
