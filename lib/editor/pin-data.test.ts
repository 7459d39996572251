import { describe, expect, it } from "vitest";
import { readPinned, writePinned } from "./pin-data";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), raw: m };
}

describe("pinned sample data", () => {
  it("pins and unpins per flow and node", () => {
    const s = memoryStorage();
    writePinned("f1", "a", { rows: [1] }, s);
    writePinned("f1", "b", 2, s);
    writePinned("f2", "a", "other", s);
    expect(readPinned("f1", s)).toEqual({ a: { rows: [1] }, b: 2 });
    writePinned("f1", "a", undefined, s);
    expect(readPinned("f1", s)).toEqual({ b: 2 });
    expect(readPinned("f2", s)).toEqual({ a: "other" });
  });

  it("survives corrupt storage", () => {
    const s = memoryStorage();
    s.raw.set("switchyard.pinned.f1", "{not json");
    expect(readPinned("f1", s)).toEqual({});
    s.raw.set("switchyard.pinned.f1", "[1,2]");
    expect(readPinned("f1", s)).toEqual({});
  });
});
