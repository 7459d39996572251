import { describe, expect, it } from "vitest";
import { canRedo, canUndo, createHistory, record, redo, replacePresent, undo } from "./history";

describe("undo history", () => {
  it("undoes and redoes in order, and a new record clears redo", () => {
    let h = createHistory("a");
    h = record(h, "b");
    h = record(h, "c");
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe("b");
    h = record(h, "d");
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe("b");
  });

  it("replacePresent makes no undo step; undo at the start is a no-op", () => {
    let h = createHistory(1);
    h = replacePresent(h, 2);
    expect(h.past).toHaveLength(0);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it("keeps at most the limit of past states", () => {
    let h = createHistory(0);
    for (let i = 1; i <= 10; i++) h = record(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });
});
