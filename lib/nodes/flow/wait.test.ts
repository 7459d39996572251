import { describe, expect, it } from "vitest";
import { createFakeClock } from "@/lib/engine/clock";
import { createTestContext, runNode } from "../test-context";
import { waitNode } from "./wait";
import { edge, flow, node, runGolden } from "../golden-harness";
import { driveClock } from "../golden-clock";

describe("core.flow.wait", () => {
  it("sleeps on the context clock for the given seconds, then passes the input", async () => {
    const ctx = createTestContext();
    let done = false;
    const pending = runNode(waitNode, { seconds: 30 }, { x: 1 }, ctx).then((r) => {
      done = true;
      return r;
    });
    await ctx.clock.advance(29_999);
    expect(done).toBe(false);
    await ctx.clock.advance(1);
    expect((await pending).output).toEqual({ x: 1 });
  });

  it("waits until a moment, and not at all for a past one", async () => {
    const clock = createFakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const ctx = createTestContext({ clock });
    const pending = runNode(waitNode, { until: "2026-01-01T00:01:00Z" }, "in", ctx);
    await clock.advance(59_999);
    expect(clock.pending()).toBe(1);
    await clock.advance(1);
    expect((await pending).output).toBe("in");
    expect((await runNode(waitNode, { until: "2025-01-01T00:00:00Z" }, "late", ctx)).output).toBe("late");
  });

  it("ends when the step is aborted", async () => {
    const ctx = createTestContext();
    const pending = runNode(waitNode, { seconds: 100 }, null, ctx);
    await ctx.clock.advance(0);
    ctx.controller.abort(new Error("cancelled by user"));
    await expect(pending).rejects.toThrow("cancelled by user");
  });

  it("needs exactly one of seconds and until, and at most a day", async () => {
    expect(() => waitNode.config.parse({})).toThrow(/either/);
    expect(() => waitNode.config.parse({ seconds: 1, until: "2026-01-01T00:00:00Z" })).toThrow(/either/);
    const ctx = createTestContext({ clock: createFakeClock(Date.parse("2026-01-01T00:00:00Z")) });
    await expect(runNode(waitNode, { until: "2026-01-03T00:00:00Z" }, null, ctx)).rejects.toThrow(/at most one day/);
  });
});

describe("core.flow.wait through the engine", () => {
  it("holds the branch for the virtual duration", async () => {
    const clock = createFakeClock(0);
    const doc = flow(
      "Wait",
      [node("start", "core.trigger.manual"), node("pause", "core.flow.wait", { seconds: 90 })],
      [edge("start", "pause")],
    );
    const result = await driveClock(clock, runGolden(doc, { clock, params: { x: 1 } }));
    expect(result.run.state).toBe("completed");
    expect(clock.now()).toBeGreaterThanOrEqual(90_000);
    expect(result.output("pause")).toEqual({ x: 1 });
  });
});
