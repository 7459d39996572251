import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/engine/engine-api";
import { followRunEvents, parseEngineEvent, type EventSourceLike } from "./run-events-client";

function fakeSource() {
  const listeners = new Map<string, (e: { data?: string }) => void>();
  const source: EventSourceLike & { closed: boolean } = {
    onmessage: null,
    onerror: null,
    readyState: 1,
    closed: false,
    addEventListener: (type, l) => listeners.set(type, l),
    close() {
      this.closed = true;
    },
  };
  return { source, emit: (data: string) => source.onmessage?.({ data }), end: () => listeners.get("end")?.({ data: "{}" }) };
}

describe("run events client", () => {
  it("parses engine events and ignores malformed messages", () => {
    expect(parseEngineEvent('{"type":"run.state","runId":"r","at":1,"state":"running","seq":3}')).toMatchObject({
      type: "run.state",
      state: "running",
    });
    expect(parseEngineEvent('{"type":"step.state","runId":"r","at":1}')).toBeNull();
    expect(parseEngineEvent("not json")).toBeNull();
  });

  it("delivers a burst as one batch per frame and closes on end", () => {
    const fake = fakeSource();
    const frames: (() => void)[] = [];
    const batches: EngineEvent[][] = [];
    let ended = false;
    followRunEvents(
      "/events",
      { onEvents: (e) => batches.push(e), onEnd: () => (ended = true) },
      { open: () => fake.source, schedule: (f) => (frames.push(f), () => undefined) },
    );
    for (let i = 0; i < 2000; i++)
      fake.emit(JSON.stringify({ type: "step.state", runId: "r", at: i, stepKey: `n${i}`, nodeId: `n${i}`, state: "running" }));
    expect(batches).toHaveLength(0);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(2000);
    fake.emit(JSON.stringify({ type: "run.state", runId: "r", at: 1, state: "completed" }));
    fake.end();
    expect(batches).toHaveLength(2);
    expect(ended).toBe(true);
    expect(fake.source.closed).toBe(true);
  });
});
