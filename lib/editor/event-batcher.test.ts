import { describe, expect, it } from "vitest";
import { createEventBatcher, type FrameScheduler } from "./event-batcher";

function manualFrames() {
  const queue: (() => void)[] = [];
  const schedule: FrameScheduler = (fn) => {
    queue.push(fn);
    return () => queue.splice(queue.indexOf(fn), 1);
  };
  return { schedule, frame: () => queue.splice(0).forEach((f) => f()), pending: () => queue.length };
}

describe("event batcher", () => {
  it("delivers any number of events in one batch per frame", () => {
    const frames = manualFrames();
    const batches: number[][] = [];
    const b = createEventBatcher<number>((e) => batches.push(e), frames.schedule);
    for (let i = 0; i < 5000; i++) b.push(i);
    expect(frames.pending()).toBe(1);
    expect(batches).toEqual([]);
    frames.frame();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(5000);
    b.push(1);
    frames.frame();
    expect(batches).toEqual([expect.any(Array), [1]]);
  });

  it("flushes at once on demand and drops everything after dispose", () => {
    const frames = manualFrames();
    const batches: string[][] = [];
    const b = createEventBatcher<string>((e) => batches.push(e), frames.schedule);
    b.push("a");
    b.flush();
    expect(batches).toEqual([["a"]]);
    expect(frames.pending()).toBe(0);
    b.push("b");
    b.dispose();
    b.push("c");
    frames.frame();
    expect(batches).toEqual([["a"]]);
  });
});
