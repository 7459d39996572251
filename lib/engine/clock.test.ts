import { describe, expect, it } from "vitest";
import { createFakeClock, systemClock } from "./clock";

describe("fake clock", () => {
  it("wakes sleepers in due order as virtual time advances", async () => {
    const clock = createFakeClock(0);
    const woke: string[] = [];
    void clock.sleep(300).then(() => woke.push(`b@${clock.now()}`));
    void clock.sleep(100).then(() => woke.push(`a@${clock.now()}`));
    await clock.advance(99);
    expect(woke).toEqual([]);
    await clock.advance(1);
    expect(woke).toEqual(["a@100"]);
    await clock.advance(1000);
    expect(woke).toEqual(["a@100", "b@300"]);
    expect(clock.now()).toBe(1100);
  });

  it("runAll jumps from sleeper to sleeper, including ones scheduled on the way", async () => {
    const clock = createFakeClock(0);
    let at = -1;
    void clock.sleep(50).then(() => clock.sleep(70).then(() => (at = clock.now())));
    await clock.runAll();
    expect(at).toBe(120);
    expect(clock.pending()).toBe(0);
  });

  it("rejects a sleep with the signal's reason when aborted", async () => {
    const clock = createFakeClock(0);
    const c = new AbortController();
    const p = clock.sleep(1000, c.signal);
    c.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(clock.pending()).toBe(0);
    await expect(clock.sleep(1, c.signal)).rejects.toThrow("stop");
  });
});

describe("system clock", () => {
  it("sleeps and honours abort", async () => {
    await expect(systemClock.sleep(0)).resolves.toBeUndefined();
    const c = new AbortController();
    const p = systemClock.sleep(60_000, c.signal);
    c.abort();
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });
});
