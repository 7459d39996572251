"use client";

import { useState } from "react";
import type { StepView } from "@/lib/editor/api-schemas";
import { JsonTree } from "@/components/run/json-tree";
import { ValueAsTable } from "@/components/run/data-table";
import { Btn, Pill, cx } from "@/components/canvas/ui";
import { STATE_STYLE } from "@/components/canvas/node-style";
import { formatMs } from "@/components/canvas/flow-node";

/** "Test" on one node: runs it on the server, shows the output as a JSON tree or a table, and pins it. */
export function TestPanel({
  nodeId,
  test,
  sampleOutput,
  onTest,
  onPin,
  readOnly,
}: {
  nodeId: string;
  test: { result?: StepView; error?: string; running: boolean; pinned: unknown; hasPin: boolean };
  sampleOutput: unknown;
  onTest: (nodeId: string) => void;
  onPin: (nodeId: string, value: unknown) => void;
  readOnly: boolean;
}) {
  const [view, setView] = useState<"tree" | "table">("tree");
  const result = test.result;
  const output = result ? result.output : sampleOutput;
  const hasOutput = result !== undefined || sampleOutput !== undefined;
  const duration = result?.startedAt !== undefined && result.finishedAt !== undefined ? result.finishedAt - result.startedAt : undefined;
  return (
    <div className="space-y-4" data-testid="test-panel">
      <div className="flex items-center gap-2">
        <Btn tone="primary" icon="flask" busy={test.running} disabled={readOnly} onClick={() => onTest(nodeId)}>
          {test.running ? "Testing…" : "Test node"}
        </Btn>
        {hasOutput && !readOnly ? (
          <Btn icon="pin" onClick={() => onPin(nodeId, test.hasPin ? undefined : output)} aria-pressed={test.hasPin}>
            {test.hasPin ? "Unpin" : "Pin output"}
          </Btn>
        ) : null}
      </div>
      <p className="text-xs text-zinc-500">
        Runs only this node on the server with the saved draft. Its input comes from pinned data of the nodes before it, or from their
        output in the latest run.
      </p>
      {test.error ? (
        <div className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" role="alert">
          {test.error}
        </div>
      ) : null}
      {result ? (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span className={cx("rounded-full px-2 py-0.5 font-medium", STATE_STYLE[result.state].badge)} data-testid="test-state">
            {STATE_STYLE[result.state].label}
          </span>
          {duration !== undefined ? <span className="text-zinc-500">{formatMs(duration)}</span> : null}
          {result.attempts.length > 1 ? <span className="text-zinc-500">{result.attempts.length} attempts</span> : null}
        </div>
      ) : null}
      {result?.error ? (
        <div className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-medium">{result.error.message}</p>
          {result.error.category ? <p className="text-xs text-red-600">{result.error.category}</p> : null}
        </div>
      ) : null}
      {test.hasPin ? <Pill tone="violet">Pinned output is used as this node&apos;s sample data</Pill> : null}
      {hasOutput ? (
        <section data-testid="node-output">
          <div className="mb-2 flex items-center justify-between">
            <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
              {result ? "Output" : "Output in the latest run"}
            </h4>
            <div className="flex rounded-md bg-zinc-100 p-0.5 text-xs" role="group" aria-label="Output view">
              {(["tree", "table"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={view === v}
                  onClick={() => setView(v)}
                  className={cx("rounded px-2 py-0.5", view === v ? "bg-white font-medium shadow-sm" : "text-zinc-600")}
                >
                  {v === "tree" ? "JSON" : "Table"}
                </button>
              ))}
            </div>
          </div>
          {view === "tree" ? <JsonTree value={output} /> : <ValueAsTable value={output} />}
        </section>
      ) : !test.error ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-3 py-6 text-center text-sm text-zinc-500">
          No output yet. Press “Test node” to run it.
        </p>
      ) : null}
      {result?.input !== undefined ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-zinc-600">Input it received</summary>
          <div className="mt-2">
            <JsonTree value={result.input} defaultOpen={1} />
          </div>
        </details>
      ) : null}
    </div>
  );
}
