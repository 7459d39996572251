import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_ID, type FlowDocument, type RunRecord, type StepRecord } from "@/lib/engine";
import { createPaint } from "./colors";
import { buildReport, formatReport, textTable } from "./report";

const doc: FlowDocument = {
  schema: FLOW_SCHEMA_ID,
  name: "Report",
  nodes: ["a", "b", "c"].map((id) => ({ id, type: "x", typeVersion: 1, position: { x: 0, y: 0 }, config: {} })),
  edges: [],
};

const run: RunRecord = {
  id: "run1",
  document: doc,
  state: "failed",
  params: { p: 1 },
  trigger: { kind: "cli" },
  dryRun: false,
  attempt: 1,
  createdAt: 0,
  startedAt: 10,
  finishedAt: 35,
  error: { name: "NodeError", message: "b failed", category: "unknown" },
};

const steps: StepRecord[] = [
  {
    runId: "run1",
    key: "a",
    nodeId: "a",
    state: "completed",
    output: { ok: 1 },
    ports: { out: { ok: 1 } },
    attempts: [{ attempt: 1, startedAt: 10, finishedAt: 12 }],
    startedAt: 10,
    finishedAt: 12,
  },
  {
    runId: "run1",
    key: "b",
    nodeId: "b",
    state: "failed",
    error: { name: "NonRetryableError", message: "Element 1: nope", category: "non_retryable" },
    attempts: [],
    startedAt: 12,
    finishedAt: 30,
  },
  { runId: "run1", key: "b[0]", nodeId: "b", mapIndex: 0, state: "completed", attempts: [] },
  { runId: "run1", key: "b[1]", nodeId: "b", mapIndex: 1, state: "failed", attempts: [] },
];

describe("run report", () => {
  it("summarises every node, element counts and artifacts", () => {
    const report = buildReport(
      doc,
      run,
      steps,
      [{ id: "x", runId: "run1", stepKey: "a", createdAt: 0, artifact: { kind: "link", url: "https://e.com", label: "E" } }],
      { v: 2 },
    );
    expect(report).toMatchObject({ runId: "run1", flow: "Report", state: "failed", durationMs: 25, variables: { v: 2 } });
    expect(report.nodes).toEqual({
      a: { state: "completed", output: { ok: 1 }, ports: ["out"], attempts: 1, durationMs: 2 },
      b: {
        state: "failed",
        attempts: 0,
        durationMs: 18,
        error: { name: "NonRetryableError", message: "Element 1: nope", category: "non_retryable" },
        mapped: { total: 2, failed: 1 },
      },
      c: { state: "pending", attempts: 0 },
    });
    const text = formatReport(report, createPaint(false));
    expect(text).toContain("✗ Report failed in 25 ms  run1");
    expect(text).toContain("  ✗ b (1 of 2 elements failed): NonRetryableError: Element 1: nope");
    expect(text).toContain("Artifact: link  (link from a)\n  E: https://e.com");
  });

  it("aligns tables and cuts long ones", () => {
    const rows = Array.from({ length: 22 }, (_, i) => [i, i % 2 === 0 ? "even" : null]);
    const table = textTable(["n", "kind"], rows).split("\n");
    expect(table.slice(0, 3)).toEqual(["n   kind", "--  ----", "0   even"]);
    expect(table.at(-1)).toBe("… 2 more rows");
    expect(table).toHaveLength(23);
  });
});
