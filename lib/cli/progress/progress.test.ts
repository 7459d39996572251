import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_ID, type EngineEvent, type FlowDocument } from "@/lib/engine";
import { createPaint } from "../colors";
import type { CliStream } from "../io";
import { createLineDisplay } from "./line-display";
import { createProgressModel, formatDuration } from "./progress-model";
import { createTtyDisplay, progressBar } from "./tty-display";

const doc: FlowDocument = {
  schema: FLOW_SCHEMA_ID,
  name: "Demo",
  nodes: ["start", "map", "end"].map((id) => ({ id, type: "core.trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} })),
  edges: [],
};

function captureStream(isTTY: boolean, columns = 100): CliStream & { text: () => string } {
  let text = "";
  return { write: (s) => void (text += s), isTTY, columns, text: () => text };
}

type StepEvent = Extract<EngineEvent, { type: "step.state" }>;
const step = (nodeId: string, state: StepEvent["state"], extra: Partial<StepEvent> = {}): EngineEvent => ({
  type: "step.state",
  runId: "r1",
  at: 0,
  stepKey: nodeId,
  nodeId,
  state,
  ...extra,
});

describe("progress model", () => {
  it("folds node, element, progress and retry events into node states", () => {
    const model = createProgressModel(doc, 0);
    model.apply({ type: "run.state", runId: "r1", at: 0, state: "running" });
    model.apply(step("start", "completed", { durationMs: 3 }));
    model.apply({ type: "step.progress", runId: "r1", at: 0, nodeId: "map", done: 5, total: 10 });
    model.apply(step("map", "failed", { stepKey: "map[3]", mapIndex: 3, error: { message: "boom", category: "unknown" } }));
    model.apply({
      type: "step.retry",
      runId: "r1",
      at: 0,
      stepKey: "end",
      nodeId: "end",
      attempt: 2,
      delayMs: 100,
      error: { message: "429", category: "rate_limited" },
    });
    expect(model.runId).toBe("r1");
    expect(model.nodes).toEqual([
      { id: "start", label: "start", state: "completed", attempt: 0, durationMs: 3 },
      { id: "map", label: "map", state: "running", attempt: 0, mapped: { done: 5, total: 10, failed: 1 }, error: "[3] boom" },
      { id: "end", label: "end", state: "retrying", attempt: 2, error: "429" },
    ]);
  });

  it("formats durations for people", () => {
    expect([formatDuration(0.2), formatDuration(12), formatDuration(1500), formatDuration(65_000)]).toEqual([
      "<1 ms",
      "12 ms",
      "1.50 s",
      "1 min 5 s",
    ]);
  });
});

describe("TTY display", () => {
  it("draws a table and redraws it in place with bars for mapped nodes", () => {
    const model = createProgressModel(doc, 0);
    const stream = captureStream(true);
    let now = 0;
    const display = createTtyDisplay(model, stream, createPaint(false), () => now);
    display.start();
    const first = stream.text();
    expect(first.startsWith("\u001b[0J")).toBe(true);
    expect(first.split("\n").filter(Boolean)).toHaveLength(4);
    now = 1000;
    const progress: EngineEvent = { type: "step.progress", runId: "r1", at: 0, nodeId: "map", done: 1, total: 4 };
    model.apply(progress);
    display.onEvent(progress);
    display.stop();
    const redraw = stream.text().slice(first.length);
    expect(redraw.startsWith("\u001b[4F\u001b[0J")).toBe(true);
    expect(redraw).toContain(`◐  map    ${"█".repeat(6)}${"░".repeat(18)} 1/4`);
  });

  it("folds long flows into a summary line", () => {
    const many: FlowDocument = { ...doc, nodes: Array.from({ length: 30 }, (_, i) => ({ ...doc.nodes[0]!, id: `n${i}` })) };
    const model = createProgressModel(many, 0);
    model.apply(step("n29", "running"));
    const stream = captureStream(true);
    const display = createTtyDisplay(model, stream, createPaint(false), () => 0, 5);
    display.start();
    display.stop();
    const lines = stream.text().split("\n");
    expect(lines.some((l) => l.includes("◐  n29"))).toBe(true);
    expect(lines.some((l) => l.includes("… 25 more (25 pending)"))).toBe(true);
  });

  it("draws bars in proportion", () => {
    expect(progressBar(0, 10, 10)).toBe("░".repeat(10));
    expect(progressBar(10, 10, 10)).toBe("█".repeat(10));
    expect(progressBar(3, 0, 4)).toBe("░░░░");
  });
});

describe("line display", () => {
  it("prints node changes, tenths of map progress and the first element failures", () => {
    const model = createProgressModel(doc, 0);
    const stream = captureStream(false);
    const display = createLineDisplay(model, stream, createPaint(false), () => 1234);
    display.start();
    display.onEvent(step("start", "completed", { durationMs: 2 }));
    for (let done = 1; done <= 100; done++) display.onEvent({ type: "step.progress", runId: "r1", at: 0, nodeId: "map", done, total: 100 });
    for (let i = 0; i < 25; i++)
      display.onEvent(step("map", "failed", { stepKey: `map[${i}]`, mapIndex: i, error: { message: "bad", category: "unknown" } }));
    display.onEvent({ type: "log", runId: "r1", at: 0, level: "warn", message: "careful", stepKey: "map" });
    display.onEvent({ type: "log", runId: "r1", at: 0, level: "info", message: "chatty" });
    const lines = stream.text().trim().split("\n");
    expect(lines[0]).toBe("+1.234s Demo: 3 nodes");
    expect(lines[1]).toBe("+1.234s ✓ start completed (2 ms)");
    expect(lines.filter((l) => / {2}map \d+\/100$/.test(l))).toHaveLength(10);
    expect(lines.filter((l) => l.includes("failed: bad"))).toHaveLength(20);
    expect(lines.at(-1)).toBe("+1.234s warn map careful");
  });
});
