import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/engine/engine-api";
import { applyRunEvents, emptyRunView } from "./run-view";

const at = 1;
describe("run view from engine events", () => {
  it("tracks node states, retries, map progress and the run state, reporting changed nodes", () => {
    const events: EngineEvent[] = [
      { type: "run.state", runId: "r", at, state: "running" },
      { type: "step.state", runId: "r", at, stepKey: "a", nodeId: "a", state: "running" },
      {
        type: "step.retry",
        runId: "r",
        at,
        stepKey: "a",
        nodeId: "a",
        attempt: 2,
        delayMs: 10,
        error: { message: "429", category: "rate_limited" },
      },
      { type: "step.state", runId: "r", at, stepKey: "a", nodeId: "a", state: "completed", attempt: 2, durationMs: 30 },
      { type: "step.progress", runId: "r", at, nodeId: "m", done: 0, total: 3 },
      { type: "step.state", runId: "r", at, stepKey: "m[0]", nodeId: "m", mapIndex: 0, state: "completed" },
      { type: "step.state", runId: "r", at, stepKey: "m[1]", nodeId: "m", mapIndex: 1, state: "running" },
      { type: "log", runId: "r", at, level: "info", message: "hi" },
      { type: "artifact", runId: "r", at, stepKey: "a", artifactId: "x", kind: "markdown" },
      { type: "step.state", runId: "other", at, stepKey: "z", nodeId: "z", state: "failed" },
    ];
    const { view, changed } = applyRunEvents(emptyRunView("r"), events);
    expect(view.state).toBe("running");
    expect(view.nodes.get("a")).toEqual({ state: "completed", attempt: 2, durationMs: 30 });
    expect(view.nodes.get("m")).toEqual({ state: "running", done: 1, total: 3 });
    expect(view.nodes.has("z")).toBe(false);
    expect([...changed].sort()).toEqual(["a", "m"]);
    expect([view.logCount, view.artifactCount]).toEqual([1, 1]);
  });

  it("returns the same view when nothing changed", () => {
    const v = emptyRunView("r");
    expect(applyRunEvents(v, []).view).toBe(v);
  });

  it("keeps the failure message of a failed step and of the run", () => {
    const { view } = applyRunEvents(emptyRunView("r"), [
      { type: "step.state", runId: "r", at, stepKey: "a", nodeId: "a", state: "failed", error: { message: "boom", category: "unknown" } },
      { type: "run.state", runId: "r", at, state: "failed", error: { message: "a failed", category: "unknown" } },
    ]);
    expect(view.nodes.get("a")?.error).toBe("boom");
    expect(view.error).toBe("a failed");
  });
});
